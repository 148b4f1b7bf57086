namespace MnistEmr.Job.Evaluate;

/// <summary>The evaluate step's <c>rows</c> stage: the test pairs classified in batches.</summary>
internal static class EvaluateRows
{
    /// <summary>The step's stages, as <see cref="StepRows"/> lists them under <c>rows</c>.</summary>
    public static IEnumerable<Command> Create(ToolEnvironment environment) => [Predict(environment)];

    private static Command Predict(ToolEnvironment environment)
    {
        var formatA = RowsCommand.PairsRootOption();
        var models = RowsCommand.RunModelOption();
        var runId = RowsCommand.RunIdOption();
        var batch = RowsCommand.BatchOption();
        return RowStage.Create(
            environment,
            RowProtocol.Predict,
            "Classifies them in batches with the run's model, validating as run-local does; a row per input. Writes no object.",
            RowProtocol.PairInput,
            RowProtocol.PredictOutput,
            [formatA, models, runId, batch],
            async stage =>
            {
                var root = stage.Location(formatA);
                return await stage.ClassifyInBatchesAsync(
                    row => StageRows.ReadPair(row, root),
                    batch,
                    () => PairPredictor.LoadAsync(stage.Open(models), root, stage.Parse.GetValue(runId)!, stage.CancellationToken),
                    (predictor, pending) => predictor.PredictAsync(pending, stage.CancellationToken),
                    StageRows.WritePredictionAsync,
                    logEachBatch: true);
            });
    }
}
