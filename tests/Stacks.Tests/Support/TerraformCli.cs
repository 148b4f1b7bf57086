namespace MnistEmr.Stacks.Tests.Support;

/// <summary>
/// The Terraform CLI of this machine and the project's own CLI configuration for it: providers come from a
/// filesystem mirror (<c>TF_PLUGIN_MIRROR</c>, default <c>/opt/tf-plugins</c>), since no registry is reachable.
/// </summary>
public static class TerraformCli
{
    /// <summary>Set to 1 where Terraform and the mirror must be present: the Terraform tests then fail instead of skipping.</summary>
    public const string RequireVariable = "MNIST_EMR_REQUIRE_TERRAFORM";

    /// <summary>The provider mirror folder.</summary>
    public static string MirrorPath => Environment.GetEnvironmentVariable("TF_PLUGIN_MIRROR") is { Length: > 0 } path ? path : "/opt/tf-plugins";

    private static readonly Lazy<string> ConfigFilePath = new(() =>
    {
        var file = Repository.PathOf(".work", "terraform", "cli.tfrc");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // Without a mirror the file stays empty: still a valid configuration, so the CLI does not complain of a missing one.
        var text = Directory.Exists(MirrorPath) ? $"provider_installation {{\n  filesystem_mirror {{\n    path = \"{MirrorPath}\"\n  }}\n}}\n" : "";
        // scripts/setup.sh wrote the same file, which the review's tests in the lane beside may be reading through
        // TF_CLI_CONFIG_FILE: written only when it differs, and then whole (a rename), never seen half-written.
        if (!File.Exists(file) || File.ReadAllText(file) != text)
        {
            var partial = $"{file}.{Environment.ProcessId}";
            File.WriteAllText(partial, text);
            File.Move(partial, file, overwrite: true);
        }
        return file;
    });

    /// <summary>The CLI configuration file, written on first use.</summary>
    public static string ConfigFile => ConfigFilePath.Value;

    /// <summary>Environment variables that point Terraform at <see cref="ConfigFile"/> and keep it offline.</summary>
    public static Dictionary<string, string> Settings => new()
    {
        ["TF_CLI_CONFIG_FILE"] = ConfigFile,
        ["CHECKPOINT_DISABLE"] = "1",
        ["TF_IN_AUTOMATION"] = "1",
    };

    /// <summary>Skips the calling test, saying why, when Terraform or the mirror is missing; fails instead under <see cref="RequireVariable"/>.</summary>
    public static void RequireOrSkip()
    {
        string? missing = !ProcessRunner.OnPath("terraform") ? "no terraform on the PATH"
            : !Directory.Exists(MirrorPath) ? $"no provider mirror at {MirrorPath} (set TF_PLUGIN_MIRROR)"
            : null;
        if (missing is null)
            return;
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
            Assert.Fail($"{missing}, but {RequireVariable}=1 says this machine has them");
        Assert.Ignore($"Terraform checks skipped: {missing}");
    }
}
