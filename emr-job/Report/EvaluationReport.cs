namespace MnistEmr.Job.Report;

/// <summary>The evaluation of one run's model on the held-out split: the model behind report.json, .md and .html.</summary>
/// <param name="RunId">The run.</param>
/// <param name="CreatedUtc">When the report was made.</param>
/// <param name="ModelUri">The model evaluated.</param>
/// <param name="TestDataUri">The FORMAT A test tree.</param>
/// <param name="Counts">Inputs, used, rejected, correct.</param>
/// <param name="Metrics">The scores.</param>
/// <param name="Timings">Durations and throughput.</param>
/// <param name="Rejections">Every rejected test input.</param>
/// <param name="Warnings">Problems with the tree as a whole.</param>
/// <param name="Misclassified">The mistakes, most confident first.</param>
/// <param name="ModelCard">The card of the model evaluated.</param>
internal sealed record EvaluationReport(
    string RunId,
    DateTimeOffset CreatedUtc,
    string ModelUri,
    string TestDataUri,
    ReportCounts Counts,
    ClassificationMetrics Metrics,
    ReportTimings Timings,
    IReadOnlyList<Rejection> Rejections,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<MisclassifiedDigit> Misclassified,
    ModelCard ModelCard);
