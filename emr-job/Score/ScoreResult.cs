
namespace MnistEmr.Job.Score;

/// <summary>What a score run wrote: the summary and where the three objects are.</summary>
/// <param name="Summary">The summary as written.</param>
/// <param name="PredictionsUri">The JSON lines.</param>
/// <param name="SummaryJsonUri">summary.json.</param>
/// <param name="SummaryMarkdownUri">summary.md.</param>
internal sealed record ScoreResult(ScoreSummary Summary, string PredictionsUri, string SummaryJsonUri, string SummaryMarkdownUri);
