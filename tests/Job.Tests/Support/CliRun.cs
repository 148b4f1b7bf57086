using System.CommandLine.Parsing;
using MnistEmr.Bench;

namespace MnistEmr.Job.Tests.Support;

/// <summary>Runs the command line in-process from a literal argument string, capturing stdout and stderr.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static Task<CliRun> RunAsync(string commandLine) => RunAsync(commandLine, null);

    /// <summary>Runs with <paramref name="variables"/> as the whole environment, when given.</summary>
    public static Task<CliRun> RunAsync(string commandLine, IReadOnlyDictionary<string, string>? variables) =>
        RunAsync((args, environment) => JobCli.RunAsync(args, environment), commandLine, variables);

    /// <summary>Runs the developer tool mnist-emr-bench's typed commands (prepare-sample, bench) the same way.</summary>
    public static Task<CliRun> RunBenchAsync(string commandLine, IReadOnlyDictionary<string, string>? variables = null) =>
        RunAsync((args, environment) => MnistEmr.Bench.BenchCli.RunAsync(args, environment), commandLine, variables);

    private static async Task<CliRun> RunAsync(
        Func<IReadOnlyList<string>, ToolEnvironment, Task<int>> tool, string commandLine, IReadOnlyDictionary<string, string>? variables)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new ToolEnvironment
        {
            Out = output,
            Error = error,
            Interactive = false,
            S3Credentials = S3rverProcess.Credentials,
            SearchRoots = [TestContext.CurrentContext.TestDirectory],
        };
        if (variables is not null)
        {
            environment = environment with { GetVariable = name => variables.GetValueOrDefault(name) };
        }

        var code = await tool(CommandLineParser.SplitCommandLine(commandLine).ToList(), environment);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public string Value(string key) =>
        OutLines.Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
