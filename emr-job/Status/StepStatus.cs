namespace MnistEmr.Job.Status;

/// <summary>One row of the status: a step, its state, its headline and where its results are.</summary>
/// <param name="Step">The step's name: the EMR step's (<c>mnist-train</c>) or the data's (<c>source</c>).</param>
/// <param name="State">What it has left.</param>
/// <param name="Required">Whether the run is complete only when this step is done (the canary and scoring are optional).</param>
/// <param name="Headline">One line: what the results say.</param>
/// <param name="Details">Further short lines (digit counts per label, URIs of the other outputs).</param>
/// <param name="Uri">The result a user opens first (the report's HTML, the model card), or null.</param>
/// <param name="Missing">What is still missing, in one line; null when nothing is.</param>
internal sealed record StepStatus(
    string Step, StepState State, bool Required, string Headline, IReadOnlyList<string> Details, string? Uri, string? Missing);
