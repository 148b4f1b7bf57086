namespace MnistEmr.Contract;

/// <summary>
/// One step of the pipeline as the contract declares it: its name in EMR, what EMR does when it fails, and the nodes
/// it reads and writes. <see cref="PipelineSteps.For"/> turns it into the <see cref="JobStep"/> the cluster runs; the
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

    /// <summary>The EMR spelling of <see cref="OnFailure"/>, e.g. <c>CANCEL_AND_WAIT</c>.</summary>
    public string ActionOnFailure => OnFailure.ApiName();

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
