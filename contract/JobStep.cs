namespace MnistEmr.Contract;

/// <summary>One EMR step run through <c>command-runner.jar</c>: <c>Args[0]</c> is the command (<c>spark-sql</c>).</summary>
/// <param name="Definition">The pipeline step it runs: its name, failure action and the nodes it touches.</param>
/// <param name="Args">The command-runner arguments, passed as is (no shell).</param>
public sealed record JobStep(StepDefinition Definition, IReadOnlyList<string> Args)
{
    /// <summary>The jar EMR runs for every step here.</summary>
    public const string Jar = "command-runner.jar";

    /// <summary>The step name shown in the EMR console.</summary>
    public string Name => Definition.Name;

    /// <summary>The step's ActionOnFailure: its definition's, unless the cluster's end decides otherwise (<see cref="PipelineSteps.For"/>).</summary>
    public StepFailure OnFailure { get; init; } = Definition.OnFailure;

    /// <summary>The EMR API spelling of <see cref="OnFailure"/>: CANCEL_AND_WAIT, CONTINUE or TERMINATE_CLUSTER.</summary>
    public string ActionOnFailure => OnFailure.ApiName();

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
