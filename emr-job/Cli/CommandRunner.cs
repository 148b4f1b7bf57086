using System.CommandLine;
using DataLoader.Core;
using MnistJob.Core;
using MnistJob.Stages;
using Spectre.Console;

namespace MnistJob.Cli;

/// <summary>
/// Runs a command's body with the right log (bars on a terminal, lines otherwise) and turns failures into one
/// <c>error:</c> line on stderr and the documented exit code; the stack trace only with --verbose.
/// </summary>
public static class CommandRunner
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="body"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(
        ParseResult parse,
        JobEnvironment environment,
        CommonOptions common,
        Func<IJobLog, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        var verbose = parse.GetValue(common.Verbose);
        // Spark keeps only the last 2 KB of a transformation's stderr, and logs it only when the process fails
        // (BaseScriptTransformationExec: CircularBuffer(2048)); a file in the container's log folder keeps it all.
        using var logFile = LogFile.Open(environment, parse.CommandResult.Command.Name);
        if (logFile is not null)
        {
            environment = environment with { Error = logFile.Tee(environment.Error) };
        }

        try
        {
            if (!environment.Interactive)
            {
                return await body(new PlainJobLog(environment.Error, ProgressInterval), cancellationToken);
            }

            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.Error) });
            return await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(context => body(new SpectreJobLog(console, context), cancellationToken));
        }
        catch (JobException ex)
        {
            return Fail(environment, ex, ex.Message, ex.ExitCode, verbose);
        }
        catch (LoaderException ex)
        {
            // Same numbering in both tools: the loader's codes carry over unchanged.
            return Fail(environment, ex, ex.Message, (Core.ExitCode)(int)ex.ExitCode, verbose);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(environment, ex, "cancelled; re-run to finish (shards rewrite the same keys)", Core.ExitCode.Cancelled, verbose);
        }
        catch (Exception ex)
        {
            return Fail(environment, ex, $"unexpected {ex.GetType().Name}: {ex.Message} (a bug; --verbose shows where)", Core.ExitCode.UnexpectedError, verbose);
        }
    }

    private static int Fail(JobEnvironment environment, Exception ex, string message, Core.ExitCode code, bool verbose)
    {
        environment.Error.WriteLine($"error: {message}");
        if (verbose)
        {
            environment.Error.WriteLine(ex.ToString());
        }

        return (int)code;
    }
}
