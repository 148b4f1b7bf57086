namespace MnistEmr.Job.Score;

/// <summary>
/// The <c>summary.json</c> of one score run: what was read, what became of every input (inputs = scored + rejected,
/// nothing dropped), and the model that did it.
/// </summary>
/// <param name="RunId">The run whose model scored.</param>
/// <param name="CreatedUtc">When the summary was written.</param>
/// <param name="ModelUri">The model used.</param>
/// <param name="InputUri">The folder or prefix whose <c>.png</c> files were scored.</param>
/// <param name="PredictionsUri">The JSON lines of the scored images.</param>
/// <param name="Inputs">The <c>.png</c> files found.</param>
/// <param name="Scored">Those classified.</param>
/// <param name="Rejected">Those that were not readable 28x28 8-bit grayscale PNGs.</param>
/// <param name="CountsByDigit">Scored images per predicted digit, 0-9.</param>
/// <param name="RejectedByReason">Rejections per reason.</param>
/// <param name="Rejections">Every rejected input with its reason, ordered by key.</param>
/// <param name="Skipped">Files under the input that are no input of scoring (not <c>*.png</c>, or hidden).</param>
/// <param name="SkippedFiles">Each of them with why, ordered by key; null in a summary written before they were listed.</param>
internal sealed record ScoreSummary(
    string RunId,
    DateTimeOffset CreatedUtc,
    string ModelUri,
    string InputUri,
    string PredictionsUri,
    int Inputs,
    int Scored,
    int Rejected,
    IReadOnlyList<int> CountsByDigit,
    IReadOnlyDictionary<RejectionReason, int> RejectedByReason,
    IReadOnlyList<Rejection> Rejections,
    int Skipped = 0,
    IReadOnlyList<SkippedFile>? SkippedFiles = null)
{
    /// <summary>The summary of <paramref name="images"/> (in any order).</summary>
    public static ScoreSummary From(
        IReadOnlyCollection<ScoredImage> images, string runId, DateTimeOffset createdUtc, string modelUri, string inputUri, string predictionsUri)
    {
        var counts = new int[ConfusionMatrix.Classes];
        foreach (var image in images)
        {
            if (image.Digit is { } digit)
            {
                counts[digit]++;
            }
        }

        var rejections = images.Where(i => i.Rejection is not null).Select(i => i.Rejection!).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var skipped = images.Where(i => i.Skipped is not null).Select(i => new SkippedFile(i.Key, i.Skipped!)).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        var inputs = images.Count - skipped.Count;
        return new ScoreSummary(
            runId,
            createdUtc,
            modelUri,
            inputUri,
            predictionsUri,
            inputs,
            inputs - rejections.Count,
            rejections.Count,
            counts,
            rejections.GroupBy(r => r.Reason).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            rejections,
            skipped.Count,
            skipped);
    }

    /// <summary>The short Markdown summary: the headline, counts per digit, rejections (the first <paramref name="shown"/>).</summary>
    public string ToMarkdown(int shown = 50)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Scoring of run {RunId}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Input: `{InputUri}`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Model: `{ModelUri}`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Predictions: `{PredictionsUri}`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Written: {CreatedUtc:u}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **{Inputs} inputs = {Scored} scored + {Rejected} rejected**");
        if (Skipped > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {Skipped} other file{(Skipped == 1 ? " was" : "s were")} skipped, not inputs (listed below)");
        }

        md.AppendLine();
        if (Inputs == 0)
        {
            md.AppendLine("No `.png` file was found under the input: nothing to score.");
            AppendSkipped(md, shown);
            return md.ToString();
        }

        md.AppendLine("| Digit | " + string.Join(" | ", Enumerable.Range(0, ConfusionMatrix.Classes)) + " |");
        md.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", ConfusionMatrix.Classes)));
        md.AppendLine("| Scored | " + string.Join(" | ", CountsByDigit) + " |");
        if (Rejected > 0)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## Rejected inputs ({string.Join(", ", RejectedByReason.Select(r => $"{r.Key}: {r.Value}"))})");
            md.AppendLine();
            foreach (var rejection in Rejections.Take(shown))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- `{rejection.Key}`: {rejection.Reason}, {rejection.Detail}");
            }

            if (Rejections.Count > shown)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- ... and {Rejections.Count - shown} more in summary.json");
            }
        }

        AppendSkipped(md, shown);
        return md.ToString();
    }

    private void AppendSkipped(StringBuilder md, int shown)
    {
        var files = SkippedFiles ?? [];
        if (files.Count == 0)
        {
            return;
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Skipped files ({files.Count})");
        md.AppendLine();
        foreach (var file in files.Take(shown))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- `{file.Key}`: {file.Reason}");
        }

        if (files.Count > shown)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- ... and {files.Count - shown} more in summary.json");
        }
    }
}

/// <summary>A file under a scoring input that is no input, and why (<see cref="ScoreKeys.SkipReason"/>).</summary>
/// <param name="Key">Its key relative to the input root.</param>
/// <param name="Reason">Why it is not scored.</param>
internal sealed record SkippedFile(string Key, string Reason);
