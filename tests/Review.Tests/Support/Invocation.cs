using MnistEmr.Review.Cli;
using Spectre.Console;

namespace MnistEmr.Review.Tests.Support;

/// <summary>Runs the review command line in-process on a literal argument list.</summary>
public static class Invocation
{
    /// <summary>What a run printed and returned.</summary>
    public sealed record Run(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>The checks ("name:resource") a run whose gate closed names as failed in its log.</summary>
        public string[] FailedChecks => Stderr.Split("security check(s) failed: ")[1].Trim().Split(", ");
    }

    /// <summary>Parses and invokes the arguments as the program does, capturing the summary and the log.</summary>
    public static Run Invoke(params string[] args) => InvokeWith(null, args);

    /// <summary>As <see cref="Invoke"/>, with <paramref name="variables"/> as the whole environment when given.</summary>
    public static Run InvokeWith(IReadOnlyDictionary<string, string>? variables, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 200;
        var code = ReviewCli.RunAsync(args, console, stderr, stdout, variables is null ? null : name => variables.GetValueOrDefault(name)).GetAwaiter().GetResult();
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A fresh output folder.</summary>
    public static string OutputFolder() => TestRunFolder.Sub($"out-{Guid.NewGuid():n}");
}
