namespace MnistEmr.Bench;

/// <summary>
/// The developer tool's typed commands, kept out of the shipped job binary: <c>prepare-sample</c> (the offline
/// sample the README's main command starts from), <c>bench</c> (the whole chain measured), <c>read</c> (FORMAT A's
/// small objects read one at a time against many in flight) and <c>cpu-load</c> (training quiet and beside busy
/// processes). They take the job's options, with this tool's variables (<c>MNIST_BENCH_*</c>, <see cref="EnvironmentFallback"/>) and exit codes.
/// </summary>
internal static class BenchCli
{
    /// <summary>The executable's name; log files start with it.</summary>
    public const string ToolName = "mnist-emr-bench";

    /// <summary>This tool's part of its variables' names.</summary>
    public const string VariablePart = "BENCH";

    /// <summary>The commands this class parses; <c>cv</c>, <c>inference</c>, <c>fixture</c> and <c>micro</c> keep their own parsing (Program.cs).</summary>
    public static IReadOnlySet<string> Commands { get; } = new HashSet<string>(StringComparer.Ordinal) { "prepare-sample", "bench", "read", "cpu-load" };

    /// <summary>The help text of the root command.</summary>
    public const string Description =
        """
        Developer commands of the MNIST EMR job, not shipped with it: prepare-sample writes the offline sample the
        README's commands start from; bench measures the whole chain; read measures reading FORMAT A's small objects
        one at a time against many in flight, behind a proxy that adds S3's latency; cpu-load times training quiet
        and beside busy processes. The measurements of the parts (cv, inference, fixture, micro) are described in
        bench/README.md. Results go to stdout; logs to stderr.

        Exit codes: those of mnist-emr-job (0 success, 1 a bug, 2 usage, 3 remote or I/O failure, 4 data integrity, 130 cancelled).
        """;

    /// <summary>Builds the root command bound to <paramref name="environment"/>.</summary>
    public static RootCommand CreateCommand(ToolEnvironment environment) => new(Description)
    {
        PrepareSampleCommand.Create(environment),
        BenchCommand.Create(environment),
        ReadCommand.Create(environment),
        CpuLoadCommand.Create(environment),
    };

    /// <summary>The job's common options under this tool's name and variables.</summary>
    public static CommonOptions CommonOptions(ToolEnvironment environment) => new(environment, ToolName, VariablePart);

    /// <summary>Parses <paramref name="args"/> and runs; returns the process exit code.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, ToolEnvironment environment, CancellationToken cancellationToken = default) =>
        new ToolHost(ToolName, environment).InvokeAsync(CreateCommand(environment), args, cancellationToken);
}
