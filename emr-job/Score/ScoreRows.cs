namespace MnistEmr.Job.Score;

/// <summary>The score step's <c>rows</c> stages: the inbox's files classified, then the predictions and summary written.</summary>
internal static class ScoreRows
{
    /// <summary>The step's stages, as <see cref="StepRows"/> lists them under <c>rows</c>.</summary>
    public static IEnumerable<Command> Create(ToolEnvironment environment) => [Score(environment), ScoreSummary(environment)];

    private static Command Score(ToolEnvironment environment)
    {
        var input = StoreOption.Required(RowProtocol.InputOption, "The scoring input the rows' paths lie under");
        var models = RowsCommand.RunModelOption();
        var runId = RowsCommand.RunIdOption();
        var batch = RowsCommand.BatchOption();
        return RowStage.Create(
            environment,
            RowProtocol.Score,
            "Classifies them in batches with the run's model; a file that is not a readable 28x28 8-bit grayscale PNG is a "
            + "rejection row, never dropped. A row per input. Writes no object.",
            RowProtocol.ScoreInput,
            RowProtocol.ScoreOutput,
            [input, models, runId, batch],
            async stage =>
            {
                var root = stage.Location(input);
                return await stage.ClassifyInBatchesAsync(
                    row => StageRows.ReadScoreInput(row, root),
                    batch,
                    () => ImageScorer.LoadAsync(stage.Open(models), stage.Parse.GetValue(runId)!, stage.CancellationToken),
                    (scorer, pending) => Task.FromResult(scorer.Score(pending)),
                    StageRows.WriteScoredAsync);
            });
    }

    private static Command ScoreSummary(ToolEnvironment environment)
    {
        var input = StoreOption.Required(RowProtocol.InputOption, "The scoring input (named in the summary)");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4 (the model is named in the summary)");
        var reports = StoreOption.Required(RowProtocol.ReportsOption, "S3|3, where predictions/<run-id>/ goes");
        var runId = RowsCommand.RunIdOption();
        return RowStage.Create(
            environment,
            RowProtocol.ScoreSummary,
            "All in this one task. Writes predictions/<run-id>/predictions.jsonl, summary.md and summary.json as score does, then one row.",
            RowProtocol.ScoreOutput,
            RowProtocol.ScoreSummaryOutput,
            [input, models, reports, runId],
            async stage =>
            {
                var images = await stage.Reader.CollectAsync(StageRows.ReadScored, stage.CancellationToken);

                var run = stage.Parse.GetValue(runId)!;
                var outcome = await ScoreWriter.WriteAsync(
                    stage.Open(reports),
                    images,
                    run,
                    stage.Open(models).UriFor(RunKeys.Model(run)),
                    stage.Open(input).UriFor(string.Empty),
                    stage.Environment.Clock.GetUtcNow(),
                    stage.Log,
                    stage.CancellationToken);
                await StageRows.WriteScoreSummaryAsync(stage.Writer, outcome);
                return 0;
            });
    }
}
