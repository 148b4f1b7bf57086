namespace MnistEmr.Job.Evaluate;

/// <summary>
/// Evaluate and report (S3|4 + S3|2 to S3|3): classifies the FORMAT A test tree with a run's model and writes
/// report.json, report.md and report.html under the run id, then <c>latest.json</c> last.
/// </summary>
/// <param name="formatA">S3|2.</param>
/// <param name="models">S3|4.</param>
/// <param name="reports">S3|3.</param>
/// <param name="log">Log lines and progress.</param>
/// <param name="clock">Stamps the report.</param>
/// <param name="allowIncomplete">Evaluate on a tree explode did not finish (logged and recorded in the report) instead of refusing.</param>
internal sealed class EvaluateStage(IObjectStore formatA, IObjectStore models, IObjectStore reports, IToolLog log, TimeProvider clock, bool allowIncomplete = false)
{
    /// <summary>Evaluates run <paramref name="runId"/> (the latest when null) and writes its report.</summary>
    /// <exception cref="ToolException">Exit 3 when the model or storage fails; exit 4 after writing the report when no test digit was usable.</exception>
    public async Task<EvaluateResult> RunAsync(string? runId, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var run = await ModelLoader.ResolveRunIdAsync(models, runId, cancellationToken);
        var (model, card) = await ModelLoader.LoadAsync(models, run, new MLContext(seed: 1), cancellationToken);

        var read = Stopwatch.StartNew();
        var scan = await FormatAReader.ScanAsync(formatA, DatasetSplit.Test, log, cancellationToken);
        scan = await FormatACompleteness.CheckAsync(formatA, scan, allowIncomplete, log, cancellationToken);
        read.Stop();

        var inference = Stopwatch.StartNew();
        var predictions = scan.Used.Count == 0 ? [] : model.Predict(scan.Used.Select(d => d.Pixels).ToList());
        inference.Stop();

        var confusion = new ConfusionMatrix();
        var misclassified = new List<MisclassifiedDigit>();
        for (var i = 0; i < scan.Used.Count; i++)
        {
            var digit = scan.Used[i];
            var prediction = predictions[i];
            confusion.Add(digit.Label, prediction.Label);
            if (prediction.Label != digit.Label)
            {
                misclassified.Add(new MisclassifiedDigit(digit.Key, digit.Label, prediction.Label, prediction.Confidence, digit.Png));
            }
        }

        var logLoss = LogLoss.Compute(scan.Used.Select((d, i) => (d.Label, predictions[i].Probabilities)));
        var metrics = ClassificationMetrics.From(confusion, logLoss);
        total.Stop();
        var report = new EvaluationReport(
            run,
            clock.GetUtcNow(),
            models.UriFor(RunKeys.Model(run)),
            formatA.UriFor(MnistFiles.PrefixOf(DatasetSplit.Test)),
            new ReportCounts(scan.Inputs, scan.Used.Count, scan.Rejections.Count, confusion.Correct, misclassified.Count, scan.RejectionsByReason),
            metrics,
            new ReportTimings(
                read.Elapsed.TotalSeconds,
                inference.Elapsed.TotalSeconds,
                total.Elapsed.TotalSeconds,
                inference.Elapsed.TotalSeconds > 0 ? scan.Used.Count / inference.Elapsed.TotalSeconds : 0),
            scan.Rejections,
            [.. scan.Warnings, .. card.TrainingData.Warnings.Select(w => $"the model was trained on an incomplete tree: {w}")],
            misclassified.OrderByDescending(m => m.Confidence).ThenBy(m => m.Key, StringComparer.Ordinal).ToList(),
            card);

        log.Info($"evaluated {scan.Used.Count} test digits: accuracy {metrics.Accuracy:P2}, macro F1 {metrics.MacroF1:F4}");
        return await WriteReportAsync(reports, report, log, cancellationToken);
    }

    /// <summary>
    /// Writes report.json, report.md and report.html of <paramref name="report"/>, then <c>latest.json</c> last.
    /// Shared by this stage and the distributed report task, so both write the same report. A run that already has
    /// a report keeps it: a report is never overwritten.
    /// </summary>
    /// <exception cref="ToolException">Exit 4 after writing the report when it used no test digit.</exception>
    public static async Task<EvaluateResult> WriteReportAsync(IObjectStore reports, EvaluationReport report, IToolLog log, CancellationToken cancellationToken)
    {
        var run = report.RunId;
        var existing = await reports.GetAsync(RunKeys.ReportJson(run), cancellationToken);
        if (existing is not null)
        {
            var kept = JobJson.Deserialize<EvaluationReport>(existing, reports.UriFor(RunKeys.ReportJson(run)));
            log.Info($"run {run} already has a report ({reports.UriFor(RunKeys.ReportJson(run))}, {kept.CreatedUtc:u}): kept, not overwritten; "
                + "use another run id to report again");
            report = kept;
        }
        else
        {
            await WriteNewReportAsync(reports, report, cancellationToken);
        }

        var outcome = new EvaluateResult(report, reports.UriFor(RunKeys.ReportJson(run)), reports.UriFor(RunKeys.ReportMarkdown(run)), reports.UriFor(RunKeys.ReportHtml(run)))
        {
            Kept = existing is not null,
        };
        if (report.Counts.Used == 0)
        {
            throw ToolException.Integrity(
                $"no usable test digits under {report.TestDataUri} ({report.Counts.Inputs} inputs, {report.Counts.Rejected} rejected); report written to {outcome.HtmlUri}");
        }

        return outcome;
    }

    private static async Task WriteNewReportAsync(IObjectStore reports, EvaluationReport report, CancellationToken cancellationToken)
    {
        var run = report.RunId;
        await reports.PutAsync(RunKeys.ReportJson(run), JobJson.Serialize(report), cancellationToken);
        await reports.PutAsync(RunKeys.ReportMarkdown(run), Encoding.UTF8.GetBytes(ReportMarkdown.Render(report)), cancellationToken);
        await reports.PutAsync(RunKeys.ReportHtml(run), Encoding.UTF8.GetBytes(ReportHtml.Render(report)), cancellationToken);
        await reports.PutAsync(RunKeys.Latest, JobJson.Serialize(new RunPointer(run, report.CreatedUtc)), cancellationToken);
    }
}
