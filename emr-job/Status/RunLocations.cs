namespace MnistEmr.Job.Status;

/// <summary>
/// The URIs of everything <c>status</c> looks at for one run, in the stores given (S3 or folders): the run's
/// results under <c>runs/&lt;run&gt;/</c>, the EMR steps' committed rows under <c>_runs/&lt;run&gt;/</c>
/// (<see cref="PipelineSteps"/>), explode's manifests and the scoring summary.
/// </summary>
/// <param name="SourceManifest">S3|1's loader manifest; null when no S3|1 was given.</param>
/// <param name="CanaryResults">The canary step's check rows (S3|3).</param>
/// <param name="Manifests">Explode's plans and shard manifests (S3|2 <c>_manifests/</c>).</param>
/// <param name="ExplodeResults">The explode step's shard rows (S3|2).</param>
/// <param name="Model">The model zip (S3|4).</param>
/// <param name="ModelCard">The model card (S3|4).</param>
/// <param name="TrainResults">The train step's result row (S3|4).</param>
/// <param name="Evaluation">The evaluate step's rows (S3|3).</param>
/// <param name="ReportJson">report.json (S3|3).</param>
/// <param name="ReportHtml">report.html (S3|3).</param>
/// <param name="ScoringSummary">The scoring step's summary.json (S3|3 <c>predictions/&lt;run&gt;/</c>).</param>
internal sealed record RunLocations(
    string? SourceManifest,
    string CanaryResults,
    string Manifests,
    string ExplodeResults,
    string Model,
    string ModelCard,
    string TrainResults,
    string Evaluation,
    string ReportJson,
    string ReportHtml,
    string ScoringSummary);
