using System.Text.Json.Nodes;

namespace MnistEmr.Stacks.Tests.Support;

/// <summary>
/// Real Terraform on a synthesized stack folder, offline: providers from the mirror, and an override file beside
/// the stack with placeholder credentials, the provider's skip flags and a state file inside the folder. The
/// synthesized stack itself stays as a user deploys it.
/// </summary>
public sealed class TerraformWorkspace
{
    private const string OverrideFile = "zz_offline_override.tf.json";

    private TerraformWorkspace(string directory) => Directory = directory;

    /// <summary>The stack folder Terraform runs in.</summary>
    public string Directory { get; }

    /// <summary>Prepares the folder of a synthesized stack and runs <c>terraform init</c> from the mirror.</summary>
    public static TerraformWorkspace Init(SynthesizedStack stack, string region)
    {
        TerraformCli.RequireOrSkip();
        var overrides = new JsonObject
        {
            ["terraform"] = new JsonObject { ["backend"] = new JsonObject { ["local"] = new JsonObject { ["path"] = "terraform.tfstate" } } },
            ["provider"] = new JsonObject
            {
                ["aws"] = new JsonArray(new JsonObject
                {
                    ["region"] = region,
                    ["access_key"] = "placeholder",
                    ["secret_key"] = "placeholder",
                    ["skip_credentials_validation"] = true,
                    ["skip_requesting_account_id"] = true,
                    ["skip_metadata_api_check"] = true,
                }),
            },
        };
        File.WriteAllText(Path.Combine(stack.Directory, OverrideFile), overrides.ToJsonString());
        var workspace = new TerraformWorkspace(stack.Directory);
        workspace.Run("init", "-input=false").EnsureSuccess("terraform init");
        return workspace;
    }

    /// <summary><c>terraform validate -json</c>.</summary>
    public JsonNode Validate() => JsonNode.Parse(Run("validate", "-json").Stdout)!;

    /// <summary><c>terraform plan</c> saved to a file, then <c>terraform show -json</c> of it.</summary>
    public JsonNode Plan()
    {
        Run("plan", "-input=false", "-lock=false", "-out=plan.bin").EnsureSuccess("terraform plan");
        return JsonNode.Parse(Run("show", "-json", "plan.bin").EnsureSuccess("terraform show").Stdout)!;
    }

    private ProcessRunner.Result Run(params string[] arguments) =>
        ProcessRunner.Run("terraform", [.. arguments, "-no-color"], Directory, TerraformCli.Settings);
}
