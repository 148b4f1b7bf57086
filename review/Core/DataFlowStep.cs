namespace MnistEmr.Review.Core;

/// <summary>One EMR step.</summary>
/// <param name="Name">The step's name.</param>
/// <param name="ActionOnFailure">What EMR does when it fails.</param>
/// <param name="Arguments">Its command line; empty when it names buckets AWS names at apply.</param>
/// <param name="Locations">The S3 locations its command line names.</param>
/// <param name="Definition">For the pipeline's own steps: the contract's step, with the nodes it reads and writes.</param>
internal sealed record DataFlowStep(
    string Name,
    string ActionOnFailure,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Locations,
    StepDefinition? Definition)
{
    /// <summary>"reads S3|1 …, writes S3|2 …", or null for a step the pipeline does not know.</summary>
    public string? FlowText => Definition is { } step
        ? $"reads {string.Join(" + ", step.Reads.Select(n => n.Title))}, writes {string.Join(" + ", step.Writes.Select(n => n.Title))}"
        : null;

    /// <summary>The command line, or a note when it is known only after apply.</summary>
    public string CommandText => Arguments.Count > 0 ? string.Join(' ', Arguments) : "(command known after apply: it names buckets AWS names then)";
}
