using MnistEmr.Job.Local;
using MnistEmr.Job.Status;

namespace MnistEmr.Job.Shared.Cli;

/// <summary>The command line: the root command, its subcommands and the entry point.</summary>
public static class JobCli
{
    /// <summary>The help text of the root command, including the exit codes.</summary>
    public const string Description =
        """
        The MNIST EMR job: one subcommand per pipeline stage, plus run-local for the whole chain.
          S3|1 SOURCE_MNIST_DATA --explode--> S3|2 FORMAT A --train--> S3|4 model --evaluate--> S3|3 report
          S3|2 inbox/*.png + S3|4 model --score--> S3|3 predictions/<run>/
        status shows what a run has left in S3 so far.
        Inputs and outputs are s3://bucket/prefix URIs or folders. Results go to stdout; logs and progress to stderr.

        Exit codes:
          0    success
          1    unexpected error (a bug)
          2    usage error: bad argument or option
          3    remote or I/O failure: S3, a folder, a timeout, a missing object
          4    data integrity failure: an IDX check failed, no usable digits, or predict got a bad PNG
          6    status: the run is not complete (a step has not left its results, or the canary failed)
          130  cancelled
        """;

    /// <summary>The executable's name; log files start with it.</summary>
    public const string ToolName = "mnist-emr-job";

    /// <summary>Builds the root command bound to <paramref name="environment"/>.</summary>
    public static RootCommand CreateCommand(ToolEnvironment environment) => new(Description)
    {
        ExplodeCommand.Create(environment),
        TrainCommand.Create(environment),
        EvaluateCommand.Create(environment),
        PredictCommand.Create(environment),
        ScoreCommand.Create(environment),
        RunLocalCommand.Create(environment),
        RowsCommand.Create(environment),
        StatusCommand.Create(environment),
    };

    /// <summary>Parses <paramref name="args"/> and runs; returns the process exit code.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, ToolEnvironment environment, CancellationToken cancellationToken = default) =>
        new ToolHost(ToolName, environment).InvokeAsync(CreateCommand(environment), args, cancellationToken);
}
