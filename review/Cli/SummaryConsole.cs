using Spectre.Console;

namespace Pipeline.Review.Cli;

/// <summary>The console the review's terminal summary is written to.</summary>
public static class SummaryConsole
{
    /// <summary>
    /// Columns of a redirected summary. Spectre.Console assumes 80 columns when stdout is not a terminal and folds
    /// longer lines, splitting a <c>FAIL</c> line a CI log is grepped for; a file or a pipe has no width.
    /// </summary>
    public const int RedirectedWidth = 4096;

    /// <summary>The terminal itself, or, when stdout is redirected, plain text to <paramref name="output"/> that never folds a line.</summary>
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
}
