namespace MnistEmr.Tests.Shared;

/// <summary>The job's part of <see cref="CliRun"/>: <c>mnist-emr-job</c> and the bench tool, finding files from the test folder.</summary>
public sealed partial record CliRun
{
    public static Task<CliRun> RunAsync(string commandLine) => RunAsync(commandLine, null);

    /// <summary>Runs with <paramref name="variables"/> as the whole environment, when given.</summary>
    public static Task<CliRun> RunAsync(string commandLine, IReadOnlyDictionary<string, string>? variables) =>
        RunToolAsync((args, environment) => JobCli.RunAsync(args, environment), commandLine, variables);

    /// <summary>Runs the developer tool mnist-emr-bench's typed commands (prepare-sample, bench) the same way.</summary>
    public static Task<CliRun> RunBenchAsync(string commandLine, IReadOnlyDictionary<string, string>? variables = null) =>
        RunToolAsync((args, environment) => MnistEmr.Bench.BenchCli.RunAsync(args, environment), commandLine, variables);

    private static Task<CliRun> RunToolAsync(
        Func<IReadOnlyList<string>, ToolEnvironment, Task<int>> tool, string commandLine, IReadOnlyDictionary<string, string>? variables) =>
        CaptureAsync(tool, commandLine, environment => environment with
        {
            SearchRoots = [TestContext.CurrentContext.TestDirectory],
            GetVariable = variables is null ? environment.GetVariable : name => variables.GetValueOrDefault(name),
        });
}
