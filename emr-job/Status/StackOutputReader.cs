using System.Text.RegularExpressions;

namespace MnistEmr.Job.Status;

/// <summary>
/// Runs <c>terraform output -json</c> in the synthesized stack's folder, where <c>npx cdktf deploy</c> ran
/// <c>terraform init</c> and whose backend (the local state at the repository root, or the S3 backend) holds the
/// deployed outputs. Read-only: <c>output</c> never changes state.
/// </summary>
internal static class StackOutputReader
{
    /// <summary>The synthesized stack's file (cdktf's JSON output) in the stack folder.</summary>
    public const string StackFile = "cdk.tf.json";

    /// <summary>
    /// The run id the synthesized stack's steps run (each step's Spark application is named
    /// <c>&lt;step&gt;-&lt;run id&gt;</c>: <see cref="PipelineSteps"/>), or null when the stack has no steps (no job
    /// package) or the file is missing. It is the deployed run when the folder is what was deployed.
    /// </summary>
    /// <param name="stackJson">The text of <see cref="StackFile"/>.</param>
    public static string? RunIdOf(string? stackJson)
    {
        if (stackJson is null)
        {
            return null;
        }

        var prefix = $"\"{PipelineSteps.Canary.Name}-";
        var ids = CanaryApplicationName.Matches(stackJson)
            .Select(m => m.Value[prefix.Length..^1])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return ids.Count == 1 ? ids[0] : null;
    }

    // "mnist-canary-<run id>": the canary's --name, a whole JSON string.
    private static readonly Regex CanaryApplicationName = new($"\"{Regex.Escape(PipelineSteps.Canary.Name)}-[A-Za-z0-9._-]{{1,100}}\"");

    /// <summary>The stack name when <c>MNIST_EMR_STACK_NAME</c> is not set (the settings table's default).</summary>
    public const string DefaultStackName = "mnist-pipeline";

    /// <summary>
    /// The synthesized stack's folder: <c>cdktf.out/stacks/&lt;stack&gt;/</c> under the repository that holds the
    /// current folder (the first folder up with a <c>cdktf.json</c>).
    /// </summary>
    /// <exception cref="ToolException">Exit 2 when the current folder is not inside the repository.</exception>
    public static string DefaultStackDirectory(string currentDirectory, Func<string, string?> getVariable)
    {
        for (var folder = new DirectoryInfo(currentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "cdktf.json")))
            {
                var name = getVariable("MNIST_EMR_STACK_NAME") is { Length: > 0 } given ? given : DefaultStackName;
                return Path.Combine(folder.FullName, "cdktf.out", "stacks", name);
            }
        }

        throw ToolException.Usage(
            $"give --format-a, --models and --reports (S3 URIs or folders), or run status inside the repository to read the "
            + $"stack's Terraform outputs (no cdktf.json in {currentDirectory} or above), or give --stack-dir");
    }

    /// <summary>Reads the outputs of the stack in <paramref name="stackDirectory"/>.</summary>
    /// <exception cref="ToolException">Exit 3 when the folder, Terraform or an output is missing, or Terraform fails.</exception>
    public static async Task<StackOutputs> ReadAsync(string stackDirectory, Func<string, string?> getVariable, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(stackDirectory))
        {
            throw ToolException.Remote(
                $"no synthesized stack at {stackDirectory}: synthesize and deploy it (npx cdktf deploy), or give --format-a, --models and --reports");
        }

        var terraform = (getVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "terraform"))
            .FirstOrDefault(File.Exists)
            ?? throw ToolException.Remote("no 'terraform' on the PATH to read the stack's outputs: install Terraform 1.11.4 (.terraform-version), or give --format-a, --models and --reports");

        var start = new ProcessStartInfo(terraform)
        {
            ArgumentList = { "output", "-json", "-no-color" },
            WorkingDirectory = stackDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CHECKPOINT_DISABLE"] = "1";
        start.Environment["TF_IN_AUTOMATION"] = "1";
        using var process = Process.Start(start) ?? throw ToolException.Remote($"could not start {terraform}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var error = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault(l => l.Contains("Error", StringComparison.Ordinal)) ?? $"exit code {process.ExitCode}";
            throw ToolException.Remote(
                $"terraform output -json failed in {stackDirectory}: {error.Trim('│', ' ')}; deploy the stack first (npx cdktf deploy runs terraform init there), "
                + "or give --format-a, --models and --reports");
        }

        return StackOutputs.Parse(await stdout, stackDirectory);
    }
}
