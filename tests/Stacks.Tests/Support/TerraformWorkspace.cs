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
    public static TerraformWorkspace Init(SynthesizedStack stack, string region) => Init(stack.Directory, region);

    /// <summary>Prepares a folder holding a stack in either format (<c>cdk.tf.json</c> or <c>cdk.tf</c>) and runs <c>terraform init</c>.</summary>
    public static TerraformWorkspace Init(string stackDirectory, string region)
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
        File.WriteAllText(Path.Combine(stackDirectory, OverrideFile), overrides.ToJsonString());
        var workspace = new TerraformWorkspace(stackDirectory);
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

    /// <summary>
    /// The account an offline plan resolves the stack's ARNs with (AWS's documented example account id): the stack
    /// reads the account from the credentials unless its <c>account_id</c> variable is set, and placeholder
    /// credentials have none. Ignored by Terraform for a stack without the variable (the <c>accountId</c> setting given).
    /// </summary>
    public const string PlaceholderAccount = "123456789012";

    private ProcessRunner.Result Run(params string[] arguments) =>
        ProcessRunner.Run("terraform", [.. arguments, "-no-color"], Directory,
            new Dictionary<string, string>(TerraformCli.Settings) { ["TF_VAR_account_id"] = PlaceholderAccount });
}
