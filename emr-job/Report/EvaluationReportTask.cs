namespace MnistEmr.Job.Report;

/// <summary>
/// Report as a distributed task: builds the evaluation report from the aggregated rows of the evaluate step and
/// the run's model card, and writes it as <see cref="EvaluateStage"/> does (same keys, same renderers).
/// </summary>
internal sealed class EvaluationReportTask(StoreLocation formatA, IObjectStore models, IObjectStore reports, IToolLog log, TimeProvider clock)
{
    /// <summary>Writes the report of run <paramref name="runId"/> from <paramref name="rows"/>.</summary>
    /// <exception cref="ToolException">Exit 3 when the card is missing; 4 on a bad row, or after writing the report when no digit was used.</exception>
    public async Task<EvaluateResult> RunAsync(IEnumerable<EvaluationRow> rows, string runId, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var run = RunKeys.Validate(runId);
        var cardKey = RunKeys.ModelCard(run);
        var card = JobJson.Deserialize<ModelCard>(await SourceReader.GetRequiredAsync(models, cardKey, cancellationToken), models.UriFor(cardKey));

        var confusion = new ConfusionMatrix();
        var rejections = new List<Rejection>();
        var misclassified = new List<MisclassifiedDigit>();
        double loss = 0, inferenceSeconds = 0;
        foreach (var row in rows)
        {
            switch (row.Kind)
            {
                case RowProtocol.KindRun:
                    break;
                case RowProtocol.KindCount:
                    confusion.Counts[Digit(row.Actual, row)][Digit(row.Predicted, row)] += checked((int)row.Count);
                    loss += row.Loss;
                    inferenceSeconds += row.Seconds;
                    break;
                case RowProtocol.KindMistake:
                    misclassified.Add(new MisclassifiedDigit(
                        row.Key ?? throw Bad(row, "a mistake without key"), Digit(row.Actual, row), Digit(row.Predicted, row), row.Confidence, row.Png ?? []));
                    break;
                case RowProtocol.KindRejection:
                    rejections.Add(new Rejection(
                        row.Key ?? throw Bad(row, "a rejection without key"),
                        Enum.TryParse<RejectionReason>(row.Reason, out var reason) && Enum.IsDefined(reason) ? reason : throw Bad(row, $"unknown rejection reason '{row.Reason}'"),
                        row.Detail ?? string.Empty));
                    break;
                default:
                    throw Bad(row, $"unknown kind '{row.Kind}'");
            }
        }

        var used = confusion.Total;
        var rejected = rejections.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var testUri = formatA.UriFor(MnistFiles.PrefixOf(DatasetSplit.Test));
        var warnings = used + rejected.Count == 0 ? new[] { $"empty tree: nothing under {testUri}" } : [];
        var metrics = ClassificationMetrics.From(confusion, used == 0 ? 0 : loss / used);
        total.Stop();
        var report = new EvaluationReport(
            run,
            clock.GetUtcNow(),
            models.UriFor(RunKeys.Model(run)),
            testUri,
            new ReportCounts(
                used + rejected.Count, used, rejected.Count, confusion.Correct, used - confusion.Correct,
                rejected.GroupBy(r => r.Reason).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count())),
            metrics,
            new ReportTimings(0, inferenceSeconds, inferenceSeconds + total.Elapsed.TotalSeconds, inferenceSeconds > 0 ? used / inferenceSeconds : 0),
            rejected,
            warnings,
            misclassified.OrderByDescending(m => m.Confidence).ThenBy(m => m.Key, StringComparer.Ordinal).ToList(),
            card);
        log.Info($"report of {used} test digits: accuracy {metrics.Accuracy:P2}, macro F1 {metrics.MacroF1:F4}");
        return await EvaluateStage.WriteReportAsync(reports, report, log, cancellationToken);
    }

    private static int Digit(int? value, EvaluationRow row) =>
        value is >= 0 and < ConfusionMatrix.Classes ? value.Value : throw Bad(row, $"digit {value?.ToString() ?? "NULL"} is not 0-9");

    private static ToolException Bad(EvaluationRow row, string problem) => ToolException.Integrity($"evaluation row {row.Kind}/{row.Key}: {problem}");
}
