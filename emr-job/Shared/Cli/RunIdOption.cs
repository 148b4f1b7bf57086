namespace MnistEmr.Job.Shared.Cli;

/// <summary>
/// <c>--run-id</c> of the local commands, one definition each way: the commands that start a run (train, run-local)
/// name the new run; those that read one (predict, score, status) name an existing run, and take <c>--run</c> too.
/// </summary>
internal static class RunIdOption
{
    /// <summary>The option of a command that starts a run.</summary>
    public static Option<string?> New() => new("--run-id") { Description = "Run id. [default: UTC time plus 4 random hex digits]", HelpName = "id" };

    /// <summary>The option of a command that reads a run; <paramref name="description"/> says which one it reads by default.</summary>
    public static Option<string?> Existing(string description) => new("--run-id", "--run") { Description = description, HelpName = "id" };

    /// <summary>The run id given, checked, or a new one from <paramref name="clock"/>'s time.</summary>
    public static string ReadNew(ParseResult parse, Option<string?> option, TimeProvider clock) =>
        parse.GetValue(option) is { } given ? RunKeys.Validate(given) : RunKeys.NewRunId(clock.GetUtcNow());
}
