namespace MnistEmr.Job.Evaluate;

/// <summary>What the evaluate stage wrote.</summary>
/// <param name="Report">The report.</param>
/// <param name="JsonUri">Where report.json is.</param>
/// <param name="MarkdownUri">Where report.md is.</param>
/// <param name="HtmlUri">Where report.html is.</param>
internal sealed record EvaluateResult(EvaluationReport Report, string JsonUri, string MarkdownUri, string HtmlUri)
{
    /// <summary>True when the run already had a report, which was kept rather than overwritten.</summary>
    public bool Kept { get; init; }
}
