namespace MnistEmr.Job.Score;

/// <summary>The objects a score run writes under the output root: <c>predictions/&lt;run&gt;/</c> (<see cref="NodeKeys.Predictions"/>).</summary>
internal static class ScoreKeys
{
    /// <summary>One JSON line per scored image, ordered by key.</summary>
    public static string PredictionLines(string runId) => NodeKeys.Predictions(runId) + "predictions.jsonl";

    /// <summary>The machine-readable summary: counts, rejections, the model.</summary>
    public static string SummaryJson(string runId) => NodeKeys.Predictions(runId) + "summary.json";

    /// <summary>The short Markdown summary.</summary>
    public static string SummaryMarkdown(string runId) => NodeKeys.Predictions(runId) + "summary.md";

    /// <summary>
    /// Whether <paramref name="key"/> (relative to the input root) is an input of scoring, on every engine: see
    /// <see cref="SkipReason"/>.
    /// </summary>
    public static bool IsInput(string key) => SkipReason(key) is null;

    /// <summary>
    /// Why <paramref name="key"/> (relative to the input root) is not scored, or null for an input: a name that does not
    /// end in <c>.png</c> (case-sensitive, as S3 keys are), or a folder or file name that Spark 3.5's listing skips,
    /// starting with '.' or with '_' unless it holds '=' (HadoopFSUtils.shouldFilterOutPathName), which is how
    /// <c>_runs/</c> and temporary files stay out of every tree the job reads. Pure, so the local <c>score</c> and
    /// the EMR step's tasks, which see only the key, give each skipped file the same words.
    /// </summary>
    public static string? SkipReason(string key)
    {
        var names = key.Split('/');
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            var what = i == names.Length - 1 ? "its name" : $"its folder '{name}'";
            if (name.StartsWith('.'))
            {
                return $"hidden: {what} starts with '.' (skipped as Spark and Hadoop skip it)";
            }

            if (name.StartsWith('_') && !name.Contains('='))
            {
                return $"hidden: {what} starts with '_' (skipped as Spark and Hadoop skip it)";
            }
        }

        return key.EndsWith(FormatAKeys.PngExtension, StringComparison.Ordinal)
            ? null
            : key.EndsWith(FormatAKeys.PngExtension, StringComparison.OrdinalIgnoreCase)
                ? "not named *.png: the extension is matched case-sensitively, as S3 keys are; rename it to .png to score it"
                : "not a .png file: only *.png files are scored";
    }
}
