namespace MnistEmr.Job.Shared.Cli;

/// <summary>Prints where a report is and its headline numbers, as key=value lines on stdout.</summary>
internal static class HeadlineWriter
{
    /// <summary>Writes the lines for <paramref name="outcome"/>.</summary>
    public static void Write(TextWriter output, EvaluateResult outcome)
    {
        var report = outcome.Report;
        output.WriteLine($"run-id={report.RunId}");
        output.WriteLine($"report-html={outcome.HtmlUri}");
        output.WriteLine($"report-md={outcome.MarkdownUri}");
        output.WriteLine($"report-json={outcome.JsonUri}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy={report.Metrics.Accuracy:F4}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"macro-f1={report.Metrics.MacroF1:F4}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"log-loss={report.Metrics.LogLoss:F4}"));
        output.WriteLine($"test-inputs={report.Counts.Inputs}");
        output.WriteLine($"test-used={report.Counts.Used}");
        output.WriteLine($"test-rejected={report.Counts.Rejected}");
        output.WriteLine($"train-inputs={report.ModelCard.TrainingData.Inputs}");
        output.WriteLine($"train-used={report.ModelCard.TrainingData.Used}");
        output.WriteLine($"train-rejected={report.ModelCard.TrainingData.Rejected}");
    }

    /// <summary>Writes the lines for a score run's <paramref name="outcome"/>.</summary>
    public static void Write(TextWriter output, ScoreResult outcome)
    {
        var summary = outcome.Summary;
        output.WriteLine($"run-id={summary.RunId}");
        output.WriteLine($"predictions={outcome.PredictionsUri}");
        output.WriteLine($"summary-json={outcome.SummaryJsonUri}");
        output.WriteLine($"summary-md={outcome.SummaryMarkdownUri}");
        output.WriteLine($"inputs={summary.Inputs}");
        output.WriteLine($"scored={summary.Scored}");
        output.WriteLine($"rejected={summary.Rejected}");
        output.WriteLine($"skipped={summary.Skipped}");
    }
}
