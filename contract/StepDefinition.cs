using MnistEmr.Contract.Steps;

namespace MnistEmr.Contract;

/// <summary>
/// One step of the pipeline as the contract declares it: its name in EMR, what EMR does when it fails, the nodes it
/// reads and writes, its executors and its Spark SQL. Each step is declared in a file of its own under <c>Steps/</c>. <see cref="PipelineSteps.For"/> turns it into the <see cref="JobStep"/> the cluster runs; the
/// review names a plan's steps from it; the nodes' <see cref="PipelineNode.ReadBy"/> and
/// <see cref="PipelineNode.WrittenBy"/> are derived from it.
/// </summary>
public sealed class StepDefinition
{
    /// <summary>The step's name in the EMR console, e.g. <c>mnist-explode</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What EMR does when the step fails. Default <see cref="StepFailure.CancelAndWait"/>.</summary>
    public StepFailure OnFailure { get; init; } = StepFailure.CancelAndWait;

    /// <summary>The nodes whose objects the step reads, in the order the step uses them.</summary>
    public required IReadOnlyList<PipelineNode> Reads { get; init; }

    /// <summary>The nodes the step writes objects into.</summary>
    public required IReadOnlyList<PipelineNode> Writes { get; init; }

    /// <summary>The executors the step runs in, chosen from the cluster's plan. Default the workers.</summary>
    public Func<ClusterPlan, ExecutorShape> Executors { get; init; } = plan => plan.Workers;

    /// <summary>Attempts of a failed task. Default <see cref="StepRetries.Transient"/>.</summary>
    public StepRetries Retries { get; init; } = StepRetries.Transient;

    /// <summary>How the step gets its executors. Default <see cref="StepAllocation.Dynamic"/>.</summary>
    public StepAllocation Allocation { get; init; } = StepAllocation.Dynamic;

    /// <summary>
    /// The step's Spark SQL over this run's locations and plan: the statements <c>spark-sql -e</c> runs, which pipe
    /// rows through the job binary (<see cref="StepSql"/> has the pieces every step's SQL is made of).
    /// </summary>
    public required Func<StepInput, string> Sql { get; init; }

    /// <summary>The EMR spelling of <see cref="OnFailure"/>, e.g. <c>CANCEL_AND_WAIT</c>.</summary>
    public string ActionOnFailure => OnFailure.ApiName();

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
