namespace Pipeline.Stacks.Constructs;

/// <summary>
/// One step of the cluster: a command run through <c>command-runner.jar</c> (EMR's way to run
/// <c>spark-submit</c>, <c>spark-sql</c> and other commands as a step).
/// </summary>
/// <param name="Name">The step's name in the EMR console and logs.</param>
/// <param name="Command">The command line, one element per argument.</param>
/// <param name="ActionOnFailure">What EMR does when the step fails.</param>
public sealed record EmrStep(string Name, IReadOnlyList<string> Command, StepFailureAction ActionOnFailure)
{
    /// <summary>The jar EMR runs the command with.</summary>
    public const string CommandRunnerJar = "command-runner.jar";
}
