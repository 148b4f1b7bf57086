using System.CommandLine;
using Spectre.Console;

namespace MnistEmr.Common.Cli;

/// <summary>
/// Runs a tool's command line the same way in every tool: a parse error is one <c>error:</c> line and exit 2 (where
/// System.CommandLine would print the help and exit 1, which here means a bug); SIGINT and SIGTERM cancel the work;
/// a command's body runs with the right log (bars on a terminal, lines otherwise) and its failure becomes one
/// <c>error:</c> line on stderr and the documented <see cref="ExitCode"/>, with the stack trace only with --verbose.
/// </summary>
/// <param name="tool">The executable's name, e.g. <c>mnist-emr-job</c>: the log file's name starts with it.</param>
/// <param name="environment">The streams and seams the tool runs against.</param>
public sealed class ToolHost(string tool, ToolEnvironment environment)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <summary>The streams and seams the tool runs against.</summary>
    public ToolEnvironment Environment => environment;

    /// <summary>
    /// Whether an error message's line breaks are folded into one line (the default: Terraform's "local-exec
    /// provisioner error" and Spark's 2 KB tail show one line whole); false keeps them, indented, for a tool whose
    /// errors quote another tool's multi-line output (the review quoting Terraform).
    /// </summary>
    public bool FoldErrorLines { get; init; } = true;

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the chosen command; returns the exit code.</summary>
    public async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await environment.Error.WriteLineAsync($"error: {OneLine(ParseErrorText.Readable(FirstError(parse)).TrimEnd('.'))} (see --help)");
            return (int)ExitCode.UsageError;
        }

        using var signals = new SignalCancellation(cancellationToken);
        return await parse.InvokeAsync(
            // No ProcessTerminationTimeout: SignalCancellation handles the signals, and the host waits for the work to stop.
            new InvocationConfiguration { Output = environment.Out, Error = environment.Error, ProcessTerminationTimeout = null },
            signals.Token);
    }

    /// <summary>
    /// The parse error to show. A command made of commands (the job's root, <c>rows</c>) given an unknown word reports
    /// "Required command was not provided" first, which hides the word: name it, and the commands there are.
    /// </summary>
    private string FirstError(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if (parse.UnmatchedTokens.Count == 0 || command.Subcommands.Count == 0)
        {
            return parse.Errors[0].Message;
        }

        var token = parse.UnmatchedTokens[0];
        var name = command is RootCommand ? tool : command.Name;
        var commands = string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
        return token.StartsWith('-')
            ? $"unknown option '{token}' of {name}: give one of its commands first ({commands})"
            : $"'{token}' is not a command of {name}: one of {commands}";
    }

    /// <summary>Runs a command's <paramref name="body"/>; returns the exit code.</summary>
    /// <param name="command">The command's name, for the log file.</param>
    /// <param name="verbose">Print the stack trace after the error line.</param>
    /// <param name="body">The work; returns the exit code of a finished run.</param>
    /// <param name="cancellationToken">Cancelled by a signal.</param>
    /// <param name="unit">What the body's progress counters count.</param>
    /// <param name="whenCancelled">What a cancelled run left and how to finish it, after "cancelled; ".</param>
    public async Task<int> RunAsync(
        string command,
        bool verbose,
        Func<IToolLog, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken,
        ProgressUnit unit = ProgressUnit.Items,
        string whenCancelled = "run again to finish")
    {
        var error = environment.Error;
        // Spark keeps only the last 2 KB of a transformation's stderr, and logs it only when the process fails
        // (BaseScriptTransformationExec: CircularBuffer(2048)); a file in the container's log folder keeps it all.
        using var logFile = LogFile.Open(environment, tool, command);
        if (logFile is not null)
        {
            error = logFile.Tee(error);
        }

        try
        {
            if (!environment.Interactive)
            {
                return await body(new PlainToolLog(error, ProgressInterval), cancellationToken);
            }

            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
            return await console.Progress()
                .AutoClear(false)
                .Columns(Columns(unit))
                .StartAsync(context => body(new SpectreToolLog(console, context), cancellationToken));
        }
        catch (Exception ex)
        {
            var (message, code) = Describe(ex, cancellationToken, whenCancelled);
            error.WriteLine($"error: {Shape(message)}");
            if (verbose)
            {
                error.WriteLine(ex.ToString());
            }

            return (int)code;
        }
    }

    /// <summary>The one line and exit code a failure is shown as.</summary>
    public static (string Message, ExitCode Code) Describe(Exception exception, CancellationToken cancellationToken, string whenCancelled = "run again to finish") =>
        exception switch
        {
            ToolException tool => (tool.Message, tool.ExitCode),
            OperationCanceledException when cancellationToken.IsCancellationRequested => ($"cancelled; {whenCancelled}", ExitCode.Cancelled),
            _ => ($"unexpected {exception.GetType().Name}: {exception.Message} (a bug; --verbose shows where)", ExitCode.UnexpectedError),
        };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    private string Shape(string message) => FoldErrorLines ? OneLine(message) : message.ReplaceLineEndings(System.Environment.NewLine + "  ");

    private static ProgressColumn[] Columns(ProgressUnit unit) => unit == ProgressUnit.Bytes
        ? [new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn()]
        : [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn()];
}
