namespace MnistEmr.Job.Train;

/// <summary>The train step's <c>rows</c> stages: one training over every pair, or with a sweep its stages (<see cref="SweepRows"/>).</summary>
internal static class TrainRows
{
    /// <summary>The step's stages, as <see cref="StepRows"/> lists them under <c>rows</c>.</summary>
    public static IEnumerable<Command> Create(ToolEnvironment environment) => [Train(environment), .. SweepRows.Create(environment)];

    private static Command Train(ToolEnvironment environment)
    {
        var trainer = new TrainerOptions();
        var formatA = RowsCommand.PairsRootOption();
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the model and card go");
        var runId = RowsCommand.RunIdOption();
        var threads = ThreadsOption.Create("LightGBM threads: the cores the step planned for this task.");
        var command = RowStage.Create(
            environment,
            RowProtocol.Train,
            "Every train pair in this one task. Trains as run-local does and writes runs/<run-id>/model.zip, "
            + "model-card.json and latest.json, then one row.",
            RowProtocol.PairInput,
            RowProtocol.TrainOutput,
            [formatA, models, runId, threads],
            async stage =>
            {
                var root = stage.Location(formatA);
                var pairs = await RowsCommand.ReadPairsAsync(stage, root);
                stage.Log.Info($"rows train: {stage.Reader.RowsRead} row(s) in, {pairs.Count} FORMAT A name(s)");
                var outcome = await new PairTrainTask(root, stage.Open(models), stage.Log, stage.Environment.Clock, stage.Parse.GetValue(threads))
                    .RunAsync(pairs, trainer.Read(stage.Parse), stage.Parse.GetValue(runId)!, stage.CancellationToken);
                await StageRows.WriteTrainAsync(stage.Writer, outcome);
                return 0;
            });
        trainer.AddTo(command);
        return command;
    }
}
