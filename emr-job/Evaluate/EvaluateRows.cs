namespace MnistEmr.Job.Evaluate;

/// <summary>The evaluate step's <c>rows</c> stage: the test pairs classified in batches.</summary>
internal static class EvaluateRows
{
    /// <summary>The step's stages, as <see cref="StepRows"/> lists them under <c>rows</c>.</summary>
    public static IEnumerable<Command> Create(ToolEnvironment environment) => [Predict(environment)];

    private static Command Predict(ToolEnvironment environment)
    {
        var formatA = StoreOption.Required(RowProtocol.FormatAOption, "S3|2, the FORMAT A root the rows' paths lie under");
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the run's model is");
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
                PairPredictor? predictor = null;
                await stage.Reader.ForEachBatchAsync(
                    row => StageRows.ReadPair(row, root),
                    stage.Parse.GetValue(batch),
                    async pending =>
                    {
                        // The model is loaded with the first batch: an empty partition costs no download.
                        predictor ??= await PairPredictor.LoadAsync(stage.Open(models), root, stage.Parse.GetValue(runId)!, stage.CancellationToken);
                        foreach (var prediction in await predictor.PredictAsync(pending, stage.CancellationToken))
                        {
                            await StageRows.WritePredictionAsync(stage.Writer, prediction);
                        }

                        stage.Log.Info($"rows predict: {stage.Reader.RowsRead} row(s) in, {stage.Writer.RowsWritten} row(s) out");
                    },
                    stage.CancellationToken);
                stage.Log.Info($"rows predict: done, {stage.Reader.RowsRead} row(s) in, {stage.Writer.RowsWritten} row(s) out");
                return 0;
            });
    }
}
