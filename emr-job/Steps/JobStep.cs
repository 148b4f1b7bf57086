namespace MnistJob.Steps;

/// <summary>One EMR step run through <c>command-runner.jar</c>: <c>Args[0]</c> is the command (<c>spark-sql</c>).</summary>
/// <param name="Name">The step name shown in the EMR console.</param>
/// <param name="Args">The command-runner arguments, passed as is (no shell).</param>
/// <param name="OnFailure">The step's ActionOnFailure.</param>
public sealed record JobStep(string Name, IReadOnlyList<string> Args, StepFailure OnFailure)
{
    /// <summary>The jar EMR runs for every step here.</summary>
    public const string Jar = "command-runner.jar";

    /// <summary>The EMR API spelling of <see cref="OnFailure"/>: CANCEL_AND_WAIT, CONTINUE or TERMINATE_CLUSTER.</summary>
    public string ActionOnFailure => OnFailure switch
    {
        StepFailure.CancelAndWait => "CANCEL_AND_WAIT",
        StepFailure.Continue => "CONTINUE",
        StepFailure.TerminateCluster => "TERMINATE_CLUSTER",
        _ => throw new ArgumentOutOfRangeException(nameof(OnFailure), OnFailure, "unknown step failure action"),
    };

    /// <summary>The SQL script of the step: the argument after <c>-e</c>.</summary>
    public string Sql
    {
        get
        {
            for (var i = 0; i < Args.Count - 1; i++)
            {
                if (Args[i] == "-e")
                {
                    return Args[i + 1];
                }
            }

            throw new InvalidOperationException($"step {Name} has no -e argument");
        }
    }
}
