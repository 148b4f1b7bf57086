namespace MnistEmr.Job.Report;

/// <summary>Renders an <see cref="EvaluationReport"/> as readable Markdown.</summary>
internal static class ReportMarkdown
{
    /// <summary>The most rejections listed one by one; the counts per reason always cover all of them.</summary>
    public const int RejectionsListed = 200;

    /// <summary>Renders the report.</summary>
    public static string Render(EvaluationReport report)
    {
        var m = report.Metrics;
        var c = report.Counts;
        var s = new StringBuilder();
        s.AppendLine(Inv($"# MNIST model performance: run {report.RunId}"));
        s.AppendLine();
        s.AppendLine(Inv($"**Accuracy {m.Accuracy:P2}**, macro F1 {m.MacroF1:F4}, macro precision {m.MacroPrecision:F4}, macro recall {m.MacroRecall:F4}, log-loss {m.LogLoss:F4}."));
        s.AppendLine();
        s.AppendLine(Inv($"- Model: `{report.ModelUri}` ({report.ModelCard.Trainer}, {report.ModelCard.Featurizer})"));
        s.AppendLine(Inv($"- Test data: `{report.TestDataUri}`"));
        s.AppendLine(Inv($"- Created: {report.CreatedUtc:u}"));
        s.AppendLine(Inv($"- Inputs {c.Inputs} = used {c.Used} + rejected {c.Rejected}; correct {c.Correct}, misclassified {c.Misclassified}"));
        s.AppendLine(Inv($"- Timings: read {report.Timings.ReadSeconds:F2} s, inference {report.Timings.InferenceSeconds:F2} s ({report.Timings.InferenceDigitsPerSecond:F0} digits/s), total {report.Timings.TotalSeconds:F2} s"));
        s.AppendLine(Inv($"- Training: {report.ModelCard.TrainingData.Used} digits in {report.ModelCard.TrainingSeconds:F1} s"));
        foreach (var warning in report.Warnings)
        {
            s.AppendLine(Inv($"- **Warning:** {warning}"));
        }

        if (report.ModelCard.Sweep is { } sweep)
        {
            s.AppendLine();
            s.AppendLine("## Hyperparameter sweep");
            s.AppendLine();
            s.AppendLine(SweepTable.Sentence(sweep));
            s.AppendLine();
            s.AppendLine("| " + string.Join(" | ", SweepTable.Headings) + " |");
            s.AppendLine("|" + string.Concat(SweepTable.Headings.Select(_ => "---:|")));
            foreach (var row in SweepTable.Rows(sweep))
            {
                s.AppendLine("| " + string.Join(" | ", row.Kept ? row.Cells.Select(c => c.Length == 0 ? c : $"**{c}**") : row.Cells) + " |");
            }
        }

        s.AppendLine();
        s.AppendLine("## Per class");
        s.AppendLine();
        s.AppendLine("| digit | support | predicted | precision | recall | F1 |");
        s.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var k in m.PerClass)
        {
            s.AppendLine(Inv($"| {k.Label} | {k.Support} | {k.Predicted} | {k.Precision:F4} | {k.Recall:F4} | {k.F1:F4} |"));
        }

        s.AppendLine();
        s.AppendLine("## Confusion matrix (rows: true label, columns: predicted)");
        s.AppendLine();
        s.AppendLine("| true \\ predicted | " + string.Join(" | ", Enumerable.Range(0, 10)) + " |");
        s.AppendLine("|---:|" + string.Concat(Enumerable.Repeat("---:|", 10)));
        for (var row = 0; row < m.Confusion.Length; row++)
        {
            s.AppendLine(Inv($"| **{row}** | ") + string.Join(" | ", m.Confusion[row]) + " |");
        }

        s.AppendLine();
        s.AppendLine(Inv($"## Rejected inputs ({c.Rejected})"));
        s.AppendLine();
        if (c.Rejected == 0)
        {
            s.AppendLine("None.");
        }
        else
        {
            foreach (var (reason, count) in c.RejectedByReason)
            {
                s.AppendLine(Inv($"- {reason}: {count}"));
            }

            s.AppendLine();
            s.AppendLine("| key | reason | detail |");
            s.AppendLine("|---|---|---|");
            foreach (var r in report.Rejections.Take(RejectionsListed))
            {
                s.AppendLine(Inv($"| `{r.Key}` | {r.Reason} | {r.Detail.Replace("|", "\\|", StringComparison.Ordinal)} |"));
            }

            if (report.Rejections.Count > RejectionsListed)
            {
                s.AppendLine(Inv($"\n{report.Rejections.Count - RejectionsListed} more in report.json."));
            }
        }

        return s.ToString();
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
