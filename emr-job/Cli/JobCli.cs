using System.CommandLine;
using MnistJob.Core;

namespace MnistJob.Cli;

/// <summary>The command line: the root command, its subcommands and the entry point.</summary>
public static class JobCli
{
    /// <summary>The help text of the root command, including the exit codes.</summary>
    public const string Description =
        """
        The MNIST EMR job: one subcommand per pipeline stage, plus run-local for the whole chain.
          S3|1 SOURCE_MNIST_DATA --explode--> S3|2 FORMAT A --train--> S3|4 model --evaluate--> S3|3 report
        Inputs and outputs are s3://bucket/prefix URIs or folders. Results go to stdout; logs and progress to stderr.

        Exit codes:
          0    success
          1    unexpected error (a bug)
          2    usage error: bad argument or option
          3    remote or I/O failure: S3, a folder, a timeout, a missing object
          4    data integrity failure: an IDX check failed, no usable digits, or predict got a bad PNG
          130  cancelled
        """;

    /// <summary>Builds the root command bound to <paramref name="environment"/>.</summary>
    public static RootCommand CreateCommand(JobEnvironment environment) => new(Description)
    {
        PrepareSampleCommand.Create(environment),
        ExplodeCommand.Create(environment),
        TrainCommand.Create(environment),
        EvaluateCommand.Create(environment),
        PredictCommand.Create(environment),
        RunLocalCommand.Create(environment),
        BenchCommand.Create(environment),
        RowsCommand.Create(environment),
    };

    /// <summary>Parses <paramref name="args"/> and runs; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, JobEnvironment environment, CancellationToken cancellationToken = default)
    {
        var parse = CreateCommand(environment).Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Parse errors are usage errors (2); System.CommandLine would exit 1, which here means a bug.
            await environment.Error.WriteLineAsync($"error: {parse.Errors[0].Message.TrimEnd('.')} (see --help)");
            return (int)ExitCode.UsageError;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = environment.Out, Error = environment.Error }, cancellationToken);
    }
}
