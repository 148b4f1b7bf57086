namespace MnistEmr.Job.Score;

/// <summary>
/// Writes a score run's results under <c>predictions/&lt;run&gt;/</c> of the output: the JSON lines of the scored
/// images ordered by key, <c>summary.json</c> and <c>summary.md</c>. The one writer of the local <c>score</c> and the
/// EMR step's single summary task, so both write the same bytes for the same inputs (the timestamp and URIs aside).
/// </summary>
internal static class ScoreWriter
{
    // One object a line: the shared options without the indentation.
    private static readonly JsonSerializerOptions LineOptions = new(JobJson.Options) { WriteIndented = false };

    /// <summary>One JSON line of a scored image: key, digit, confidence and the top three digits.</summary>
    public static string Line(ScoredImage image) =>
        JsonSerializer.Serialize(new { image.Key, image.Digit, image.Confidence, image.Top }, LineOptions);

    /// <summary>Writes the results of <paramref name="images"/> (any order; rejections included) and returns where they are.</summary>
    public static async Task<ScoreResult> WriteAsync(
        IObjectStore output,
        IReadOnlyCollection<ScoredImage> images,
        string runId,
        string modelUri,
        string inputUri,
        DateTimeOffset createdUtc,
        IToolLog log,
        CancellationToken cancellationToken)
    {
        var run = RunKeys.Validate(runId);
        await output.EnsureWritableAsync(cancellationToken);
        var lines = new StringBuilder();
        foreach (var image in images.Where(i => i.IsScored).OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            lines.Append(Line(image)).Append('\n');
        }

        var summary = ScoreSummary.From(images, run, createdUtc, modelUri, inputUri, output.UriFor(ScoreKeys.PredictionLines(run)));
        await output.PutAsync(ScoreKeys.PredictionLines(run), Encoding.UTF8.GetBytes(lines.ToString()), cancellationToken);
        await output.PutAsync(ScoreKeys.SummaryMarkdown(run), Encoding.UTF8.GetBytes(summary.ToMarkdown()), cancellationToken);
        // The summary last: its presence says the run's predictions are complete.
        await output.PutAsync(ScoreKeys.SummaryJson(run), JobJson.Serialize(summary), cancellationToken);
        log.Info($"scored {summary.Inputs} input(s): {summary.Scored} scored, {summary.Rejected} rejected, {summary.Skipped} other file(s) skipped; summary {output.UriFor(ScoreKeys.SummaryJson(run))}");
        return new ScoreResult(summary, summary.PredictionsUri, output.UriFor(ScoreKeys.SummaryJson(run)), output.UriFor(ScoreKeys.SummaryMarkdown(run)));
    }
}
