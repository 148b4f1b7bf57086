using MnistEmr.Contract;
using MnistEmr.Job.Shared.FormatA;

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
    /// Whether <paramref name="key"/> (relative to the input root) is an input of scoring, as the job lists it on every engine (and as Spark's own listing would): a name
    /// ending in <c>.png</c> (the SQL's <c>pathGlobFilter '*.png'</c>, case-sensitive) and no folder or file name that
    /// Spark 3.5's listing skips: starting with '.', or with '_' unless it holds '=' (HadoopFSUtils.shouldFilterOutPathName).
    /// </summary>
    public static bool IsInput(string key) =>
        key.EndsWith(FormatAKeys.PngExtension, StringComparison.Ordinal)
        && !key.Split('/').Any(name => name.StartsWith('.') || (name.StartsWith('_') && !name.Contains('=')));
}
