namespace MnistEmr.Job.Report;

/// <summary>The report step's <c>rows</c> stage: the evaluation rows and the model card to the report.</summary>
internal static class ReportRows
{
    /// <summary>The step's stages, as <see cref="StepRows"/> lists them under <c>rows</c>.</summary>
    public static IEnumerable<Command> Create(ToolEnvironment environment) => [Report(environment)];

    private static Command Report(ToolEnvironment environment)
    {
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root (named in the report)");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the run's model card is");
        var reports = StoreOption.Required(RowProtocol.ReportsOption, "S3|3, where the report goes");
        var runId = RowsCommand.RunIdOption();
        return RowStage.Create(
            environment,
            RowProtocol.Report,
            "All in this one task. Writes runs/<run-id>/report.json, .md, .html and latest.json as evaluate does, then one row.",
            RowProtocol.EvaluationColumns,
            RowProtocol.ReportOutput,
            [formatA, models, reports, runId],
            async stage =>
            {
                var rows = await stage.Reader.CollectAsync(StageRows.ReadEvaluation, stage.CancellationToken);

                stage.Log.Info($"rows report: {stage.Reader.RowsRead} evaluation row(s) in");
                var outcome = await new EvaluationReportTask(stage.Location(formatA), stage.Open(models), stage.Open(reports), stage.Log, stage.Environment.Clock)
                    .RunAsync(rows, stage.Parse.GetValue(runId)!, stage.CancellationToken);
                await StageRows.WriteReportAsync(stage.Writer, outcome);
                return 0;
            });
    }
}
