using Spectre.Console;

namespace MnistEmr.Common.Cli;

/// <summary>The console a tool's tables and summaries are written to: the terminal, or plain text that never folds.</summary>
public static class TerminalConsole
{
    /// <summary>
    /// Columns of redirected output. Spectre.Console assumes 80 columns when stdout is not a terminal and folds longer
    /// lines, splitting a <c>FAIL</c> line a CI log is grepped for or a URI a script would copy; a file or a pipe has
    /// no width.
    /// </summary>
    public const int RedirectedWidth = 4096;

    /// <summary>The terminal itself, or, when <paramref name="redirected"/>, plain text to <paramref name="output"/> that never folds a line.</summary>
    public static IAnsiConsole Create(TextWriter output, bool redirected)
    {
        if (!redirected)
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = RedirectedWidth;
        return console;
    }

    /// <summary>The terminal when <paramref name="output"/> is the process's own, not redirected, stdout; else plain text to it.</summary>
    public static IAnsiConsole For(TextWriter output) =>
        Create(output, redirected: !ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected);
}
