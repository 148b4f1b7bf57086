using System.CommandLine.Parsing;
using MnistEmr.DataLoader.Cli;

namespace MnistEmr.DataLoader.Tests.Support;

/// <summary>Runs the command line in-process from a literal argument string, capturing stdout and stderr.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<string> OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static async Task<CliRun> RunAsync(
        string commandLine,
        IReadOnlyDictionary<string, string>? variables = null,
        AWSCredentials? credentials = null,
        CancellationToken cancellationToken = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new ToolEnvironment
        {
            Out = output,
            Error = error,
            Interactive = false,
            GetVariable = name => variables?.GetValueOrDefault(name),
            S3Credentials = credentials ?? S3rverProcess.Credentials,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            Clock = new FixedClock(Now),
        };
        var code = await LoaderCli.RunAsync(CommandLineParser.SplitCommandLine(commandLine).ToList(), environment, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
