namespace MnistEmr.Review.Io;

/// <summary>
/// Runs the real Terraform on a synthesized stack: init, plan to a file, show -json, in a scratch copy of the stack
/// folder (<see cref="StackWorkspace"/>), so the folder reviewed is never written to. Offline, the copy gets an
/// override file with placeholder credentials, the provider's skip flags and a throwaway state, and the stack's
/// <c>account_id</c> variable is set to a placeholder account (<see cref="OfflineAccountId"/>). Cancelling kills
/// Terraform with its provider processes.
/// </summary>
internal sealed class TerraformRunner
{
    private const string OverrideFile = "zz_review_override.tf.json";

    /// <summary>
    /// The account an offline plan names wherever the stack names its account (AWS's documented example account id).
    /// The stack reads its account from the deploying credentials (<c>aws_caller_identity</c>) unless its Terraform
    /// variable <c>account_id</c> is set; placeholder credentials have no account, so the offline plan sets the variable
    /// (<c>TF_VAR_account_id</c>, in the environment of this review's own Terraform only: nothing is written to the
    /// stack, and Terraform ignores the variable for a stack whose <c>accountId</c> setting gave the account). The
    /// trust policy, key policy and log deliveries are then planned whole, with their conditions, as a deploy makes
    /// them with the real account.
    /// </summary>
    public const string OfflineAccountId = "123456789012";
    private readonly string _terraform;
    private readonly Dictionary<string, string> _environment;
    private bool _offline;

    private TerraformRunner(string terraform, Dictionary<string, string> environment)
    {
        _terraform = terraform;
        _environment = environment;
    }

    /// <summary>Seconds spent in each Terraform command, by name.</summary>
    public Dictionary<string, double> Timings { get; } = new();

    /// <summary>Finds Terraform and its provider source.</summary>
    /// <param name="workDirectory">Where the project's own CLI configuration may be written.</param>
    /// <exception cref="ToolException">Terraform is not on the PATH.</exception>
    public static TerraformRunner Locate(string workDirectory)
    {
        var terraform = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "terraform")).FirstOrDefault(File.Exists)
            ?? throw new ToolException("no 'terraform' on the PATH: install Terraform 1.11.4 (.terraform-version), or review a saved plan with --plan-json", ExitCode.RemoteFailure);

        var environment = new Dictionary<string, string> { ["CHECKPOINT_DISABLE"] = "1", ["TF_IN_AUTOMATION"] = "1" };
        var configured = Environment.GetEnvironmentVariable("TF_CLI_CONFIG_FILE");
        if (configured is null || !File.Exists(configured))
        {
            // The project's own CLI configuration: providers from a mirror folder where one exists, else the registry.
            var mirror = Environment.GetEnvironmentVariable("TF_PLUGIN_MIRROR") is { Length: > 0 } m ? m : "/opt/tf-plugins";
            var file = Path.Combine(workDirectory, "cli.tfrc");
            Directory.CreateDirectory(workDirectory);
            File.WriteAllText(file, Directory.Exists(mirror)
                ? $"provider_installation {{\n  filesystem_mirror {{\n    path = \"{mirror}\"\n  }}\n}}\n"
                : "");
            environment["TF_CLI_CONFIG_FILE"] = file;
        }
        return new TerraformRunner(terraform, environment);
    }

    /// <summary>Plans the stack in a folder and returns <c>terraform show -json</c> of the plan.</summary>
    /// <param name="stackDirectory">The synthesized stack folder; only read.</param>
    /// <param name="offline">Plan with placeholder credentials instead of the account's.</param>
    /// <param name="destroy">Plan a destroy.</param>
    /// <param name="scratch">A folder for the stack's copy, the plan file and the offline state.</param>
    /// <param name="cancel">Stops Terraform.</param>
    public string PlanJson(string stackDirectory, bool offline, bool destroy, string scratch, CancellationToken cancel)
    {
        Directory.CreateDirectory(scratch);
        using var workspace = StackWorkspace.Create(stackDirectory, Path.Combine(scratch, "stack"));
        var overrides = offline ? OfflineSettings(Path.Combine(scratch, "offline.tfstate")) : workspace.RelocatedBackend();
        if (overrides is not null)
            File.WriteAllText(Path.Combine(workspace.Directory, OverrideFile), overrides.ToJsonString());

        // -reconfigure: the copy's backend (a throwaway state offline, the stack's own otherwise) may differ from the
        // last run's; the review never migrates state, so re-reading the backend configuration is all it needs.
        _offline = offline;
        var init = Run("init", workspace.Directory, cancel, "init", "-input=false", "-reconfigure", "-no-color");
        if (init.ExitCode != 0)
            throw new ToolException(InitFailure(init.Stderr + init.Stdout), ExitCode.RemoteFailure);

        var planFile = Path.Combine(scratch, "review.tfplan");
        string[] planArgs = ["plan", "-input=false", "-no-color", $"-out={planFile}", .. destroy ? new[] { "-destroy" } : []];
        var plan = Run("plan", workspace.Directory, cancel, planArgs);
        if (plan.ExitCode != 0)
            throw new ToolException($"terraform plan failed{CredentialHint(plan.Stderr, offline)}:\n{plan.Stderr.Trim()}", ExitCode.RemoteFailure);

        var show = Run("show", workspace.Directory, cancel, "show", "-json", "-no-color", planFile);
        return show.ExitCode == 0 ? show.Stdout : throw new ToolException($"terraform show failed:\n{show.Stderr.Trim()}", ExitCode.RemoteFailure);
    }

    private static JsonObject OfflineSettings(string statePath) => new()
    {
        ["terraform"] = new JsonObject { ["backend"] = new JsonObject { ["local"] = new JsonObject { ["path"] = statePath } } },
        ["provider"] = new JsonObject
        {
            ["aws"] = new JsonArray(new JsonObject
            {
                ["access_key"] = "offline-placeholder",
                ["secret_key"] = "offline-placeholder",
                ["skip_credentials_validation"] = true,
                ["skip_requesting_account_id"] = true,
                ["skip_metadata_api_check"] = true,
            }),
        },
    };

    private static string InitFailure(string output) =>
        output.Contains("Failed to query available provider packages", StringComparison.Ordinal)
        || output.Contains("Failed to install provider", StringComparison.Ordinal)
            ? "terraform init could not install the AWS provider: no registry reachable and no provider mirror; "
              + "set TF_PLUGIN_MIRROR to a provider mirror folder (or TF_CLI_CONFIG_FILE to a CLI configuration naming one)\n" + output.Trim()
            : "terraform init failed:\n" + output.Trim();

    private static string CredentialHint(string stderr, bool offline) =>
        !offline && (stderr.Contains("credential", StringComparison.OrdinalIgnoreCase) || stderr.Contains("InvalidClientTokenId", StringComparison.Ordinal))
            ? " (no usable AWS credentials: pass --offline to plan with placeholder credentials)"
            : "";

    private (int ExitCode, string Stdout, string Stderr) Run(string timing, string directory, CancellationToken cancel, params string[] arguments)
    {
        var start = new ProcessStartInfo(_terraform, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in _environment)
            start.Environment[name] = value;
        if (_offline)
            start.Environment["TF_VAR_account_id"] = OfflineAccountId;
        cancel.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        // The whole tree: terraform runs the provider as a child process, which would outlive a killed terraform.
        using var kill = cancel.Register(() => process.Kill(entireProcessTree: true));
        var stdout = process.StandardOutput.ReadToEndAsync(cancel);
        var stderr = process.StandardError.ReadToEndAsync(cancel);
        process.WaitForExit();
        cancel.ThrowIfCancellationRequested();
        Timings[timing] = Timings.GetValueOrDefault(timing) + clock.Elapsed.TotalSeconds;
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
