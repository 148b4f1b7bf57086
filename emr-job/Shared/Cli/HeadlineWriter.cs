namespace MnistEmr.Job.Shared.Cli;

/// <summary>Prints where a report is and its headline numbers, as key=value lines on stdout (<see cref="KeyValueLines"/>).</summary>
internal static class HeadlineWriter
{
    /// <summary>Writes the lines for <paramref name="outcome"/>.</summary>
    public static void Write(TextWriter output, EvaluateResult outcome)
    {
        var report = outcome.Report;
        KeyValueLines.Write(
            output,
            [
                ("run-id", $"{report.RunId}"),
                ("report-html", $"{outcome.HtmlUri}"),
                ("report-md", $"{outcome.MarkdownUri}"),
                ("report-json", $"{outcome.JsonUri}"),
                ("accuracy", $"{report.Metrics.Accuracy:F4}"),
                ("macro-f1", $"{report.Metrics.MacroF1:F4}"),
                ("log-loss", $"{report.Metrics.LogLoss:F4}"),
                ("test-inputs", $"{report.Counts.Inputs}"),
                ("test-used", $"{report.Counts.Used}"),
                ("test-rejected", $"{report.Counts.Rejected}"),
                ("train-inputs", $"{report.ModelCard.TrainingData.Inputs}"),
                ("train-used", $"{report.ModelCard.TrainingData.Used}"),
                ("train-rejected", $"{report.ModelCard.TrainingData.Rejected}"),
            ]);
    }

    /// <summary>Writes the lines for a score run's <paramref name="outcome"/>.</summary>
    public static void Write(TextWriter output, ScoreResult outcome)
    {
        var summary = outcome.Summary;
        KeyValueLines.Write(
            output,
            [
                ("run-id", $"{summary.RunId}"),
                ("predictions", $"{outcome.PredictionsUri}"),
                ("summary-json", $"{outcome.SummaryJsonUri}"),
                ("summary-md", $"{outcome.SummaryMarkdownUri}"),
                ("inputs", $"{summary.Inputs}"),
                ("scored", $"{summary.Scored}"),
                ("rejected", $"{summary.Rejected}"),
                ("skipped", $"{summary.Skipped}"),
            ]);
    }
}
