namespace MnistEmr.Job.Train.Sweep;

/// <summary>The sweep's <c>rows</c> stages: the training digits packed once, one configuration per task, the pick.</summary>
internal static class SweepRows
{
    /// <summary>The step's stages, as <see cref="StepRows"/> lists them under <c>rows</c>.</summary>
    public static IEnumerable<Command> Create(ToolEnvironment environment) => [SweepData(environment), SweepCandidate(environment), SweepPick(environment)];

    private static Command SweepData(ToolEnvironment environment)
    {
        var sweep = SweepOptions.ForStep();
        var formatA = RowsCommand.PairsRootOption();
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the run's sweep/ goes");
        var runId = RowsCommand.RunIdOption();
        return RowStage.Create(
            environment,
            RowProtocol.SweepData,
            "Every train pair in this one task. Validates them as train does and packs the usable digits into "
            + "runs/<run-id>/sweep/ for the candidate tasks (nothing, when the run is already trained), then one row.",
            RowProtocol.PairInput,
            RowProtocol.SweepDataOutput,
            [formatA, models, runId, .. sweep.All],
            async stage =>
            {
                var root = stage.Location(formatA);
                var pairs = await RowsCommand.ReadPairsAsync(stage, root);
                var run = stage.Parse.GetValue(runId)!;
                stage.Log.Info($"rows sweep-data: {stage.Reader.RowsRead} row(s) in, {pairs.Count} FORMAT A name(s)");
                var (data, packed) = await new PairTrainTask(root, stage.Open(models), stage.Log, stage.Environment.Clock)
                    .PrepareSweepAsync(pairs, sweep.Read(stage.Parse), run, stage.CancellationToken);
                await StageRows.WriteSweepDataAsync(stage.Writer, run, data, packed);
                return 0;
            });
    }

    private static Command SweepCandidate(ToolEnvironment environment)
    {
        var trainer = new TrainerOptions();
        var sweep = SweepOptions.ForStep();
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the run's sweep/ is and candidates/<n>/ go");
        var runId = RowsCommand.RunIdOption();
        var threads = ThreadsOption.Create("LightGBM threads: the cores this task may use beside the other candidates on its node.");
        var command = RowStage.Create(
            environment,
            RowProtocol.SweepCandidate,
            "Per row, trains that candidate of the sweep on the packed digits and writes runs/<run-id>/candidates/<n>/model.zip "
            + "then candidate.json (a candidate already there is kept), then a row.",
            RowProtocol.SweepCandidateInput,
            RowProtocol.SweepCandidateOutput,
            [models, runId, threads, .. sweep.All],
            async stage =>
            {
                var store = stage.Open(models);
                var run = RunKeys.Validate(stage.Parse.GetValue(runId)!);
                var sweepStage = new SweepStage(store, stage.Log, stage.Environment.Clock);
                await foreach (var row in stage.Reader.ReadAllAsync(stage.CancellationToken))
                {
                    // A run already trained writes no candidate row: the pick task keeps its model.
                    if (await sweepStage.TrainCandidateAsync(
                            trainer.Read(stage.Parse), sweep.Read(stage.Parse), StageRows.ReadCandidateTask(row), stage.Parse.GetValue(threads) ?? Environment.ProcessorCount, run, stage.CancellationToken)
                        is { } result)
                    {
                        await StageRows.WriteCandidateAsync(stage.Writer, result, store.UriFor(RunKeys.CandidateResult(run, result.Index)));
                    }
                }

                return 0;
            });
        trainer.AddTo(command);
        return command;
    }

    private static Command SweepPick(ToolEnvironment environment)
    {
        var sweep = SweepOptions.ForStep();
        var models = StoreOption.Required(RowProtocol.ModelsOption, "S3|4, where the candidates are and the model, card and latest.json go");
        var runId = RowsCommand.RunIdOption();
        var threads = ThreadsOption.Create("LightGBM threads of the refit: the cores train without a sweep would use.");
        return RowStage.Create(
            environment,
            RowProtocol.SweepPick,
            "Every candidate row and a marker row in this one task. Checks every candidate of the sweep finished, keeps the one "
            + "with the lowest validation log-loss (ties: accuracy, then the smaller model), refits it on every packed training "
            + "digit as train without a sweep would, writes runs/<run-id>/model.zip, model-card.json with the sweep, and "
            + "latest.json, then one row.",
            RowProtocol.SweepCandidateOutput,
            RowProtocol.TrainOutput,
            [models, runId, threads, .. sweep.All],
            async stage =>
            {
                var settings = sweep.Read(stage.Parse);
                var arrived = new SortedSet<int>();
                await foreach (var row in stage.Reader.ReadAllAsync(stage.CancellationToken))
                {
                    if (StageRows.ReadPickedCandidate(row) is { } candidate)
                    {
                        arrived.Add(candidate);
                    }
                }

                stage.Log.Info($"rows sweep-pick: {arrived.Count} of {settings.Candidates} candidate row(s) arrived");
                var outcome = await new SweepStage(stage.Open(models), stage.Log, stage.Environment.Clock)
                    .PickAsync(settings, RunKeys.Validate(stage.Parse.GetValue(runId)!), stage.Parse.GetValue(threads), stage.CancellationToken);
                await StageRows.WriteTrainAsync(stage.Writer, outcome);
                return 0;
            });
    }
}
