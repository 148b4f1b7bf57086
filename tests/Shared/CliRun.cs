using MnistEmr.Common.Cli;

namespace MnistEmr.Tests.Shared;

/// <summary>
/// One run of a tool's command line, in-process from a literal argument string, with its stdout and stderr captured.
/// Each test project adds its tool's <c>RunAsync</c> in a part of its own (Support/CliRun.cs).
/// </summary>
public sealed partial record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>What a tool's <c>--version</c> prints: a semantic version, plus the commit when built from git.</summary>
    public const string VersionPattern = @"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9a-f]{7,40})?$";

    public IReadOnlyList<string> OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The value of the stdout line <c>key=value</c> (exactly one must be there).</summary>
    public string Value(string key) =>
        OutLines.Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";

    /// <summary>Asserts the run was a usage error (exit 2) whose stderr is only <c>error: <paramref name="message"/> (see --help)</c>.</summary>
    public void AssertUsageError(string message)
    {
        Assert.That(ExitCode, Is.EqualTo(2), ToString());
        Assert.That(Error.Trim(), Is.EqualTo($"error: {message} (see --help)"));
    }

    /// <summary>Asserts the run was a <c>--version</c>: exit 0, and a semantic version, plus the commit when built from git.</summary>
    public void AssertPrintsVersion()
    {
        Assert.That(ExitCode, Is.EqualTo(0), ToString());
        Assert.That(Out.Trim(), Does.Match(VersionPattern), "semantic version, plus the commit when built from git");
    }

    /// <summary>
    /// Runs <paramref name="tool"/> on <paramref name="commandLine"/> split as a shell would, non-interactive, with
    /// s3rver's credentials and its output captured; <paramref name="adjust"/> sets the rest of the environment.
    /// </summary>
    private static async Task<CliRun> CaptureAsync(
        Func<IReadOnlyList<string>, ToolEnvironment, Task<int>> tool, string commandLine, Func<ToolEnvironment, ToolEnvironment> adjust)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = adjust(new ToolEnvironment
        {
            Out = output,
            Error = error,
            Interactive = false,
            S3Credentials = S3rverProcess.Credentials,
        });
        var code = await tool(System.CommandLine.Parsing.CommandLineParser.SplitCommandLine(commandLine).ToList(), environment);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
