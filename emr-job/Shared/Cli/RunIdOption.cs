namespace MnistEmr.Job.Shared.Cli;

/// <summary><c>--run-id</c> of the commands that start a run (train, run-local): one definition and one reading.</summary>
internal static class NewRunIdOption
{
    /// <summary>Creates the option.</summary>
    public static Option<string?> Create() => new("--run-id") { Description = "Run id. [default: UTC time plus 4 random hex digits]" };

    /// <summary>The run id given, checked, or a new one from <paramref name="clock"/>'s time.</summary>
    public static string Read(ParseResult parse, Option<string?> option, TimeProvider clock) =>
        parse.GetValue(option) is { } given ? RunKeys.Validate(given) : RunKeys.NewRunId(clock.GetUtcNow());
}
