namespace MnistEmr.Job.Train;

/// <summary>
/// Train (S3|2 to S3|4): reads the FORMAT A training tree, fits the model (or, with a sweep, every configuration of
/// the sweep: <see cref="SweepStage"/>) and writes, under the run id, the model zip and its card, then
/// <c>latest.json</c> last, so the pointer never names an incomplete run. A run that is already trained (its card
/// exists, written after the model) is kept, never overwritten: a second cluster started for the same run (the next
/// deploy after a transient cluster ended) reuses its model.
/// </summary>
/// <param name="formatA">S3|2.</param>
/// <param name="models">S3|4.</param>
/// <param name="log">Log lines and progress.</param>
/// <param name="clock">Stamps the card.</param>
/// <param name="allowIncomplete">Train on a tree explode did not finish (logged and recorded in the card) instead of refusing.</param>
/// <param name="threads">LightGBM threads of a training without a sweep; null for every core (<see cref="MnistTrainer.Threads"/>).</param>
internal sealed class TrainStage(IObjectStore formatA, IObjectStore models, IToolLog log, TimeProvider clock, bool allowIncomplete = false, int? threads = null)
{
    /// <summary>Trains with <paramref name="settings"/> and stores the result as run <paramref name="runId"/>.</summary>
    /// <exception cref="ToolException">Exit 4 when no usable digit is found, 3 on storage failures.</exception>
    public Task<TrainResult> RunAsync(TrainerSettings settings, string runId, CancellationToken cancellationToken) =>
        RunAsync(settings, SweepSettings.Off, runId, cancellationToken);

    /// <summary>
    /// Trains with <paramref name="settings"/>, or sweeps around them when <paramref name="sweep"/> is on, and stores
    /// the result as run <paramref name="runId"/>.
    /// </summary>
    /// <exception cref="ToolException">Exit 4 when no usable digit is found (or too few to hold a validation part out), 3 on storage failures.</exception>
    public async Task<TrainResult> RunAsync(TrainerSettings settings, SweepSettings sweep, string runId, CancellationToken cancellationToken)
    {
        if (await KeptAsync(models, runId, log, cancellationToken) is { } kept)
        {
            return kept;
        }

        var scan = await ScanTrainingAsync(cancellationToken);
        if (sweep.IsOn)
        {
            var stage = new SweepStage(models, log, clock);
            await stage.PrepareAsync(scan, formatA.UriFor(MnistFiles.PrefixOf(DatasetSplit.Train)), sweep, runId, cancellationToken);
            await stage.TrainAllAsync(scan.Used, settings, sweep, runId, cancellationToken);
            return await stage.PickAsync(sweep, runId, threads, cancellationToken);
        }

        var ml = new MLContext(settings.Seed);
        var trainer = new MnistTrainer(ml, threads);
        // The threads and the wait policy in the step's log: what decides how training fares beside other executors.
        log.Info($"training on {scan.Used.Count} digits ({settings.Iterations} iterations, {settings.Leaves} leaves) on {trainer.Threads} "
            + $"LightGBM thread{(trainer.Threads == 1 ? "" : "s")}, {OpenMpWaitPolicy.Variable}={OpenMpWaitPolicy.Current ?? "(unset)"}");
        var result = await Task.Run(() => trainer.Train(scan.Used, settings), cancellationToken);
        log.Info($"trained in {result.Duration.TotalSeconds:F1} s, training accuracy {result.TrainingAccuracy:P2}");

        using var zip = new MemoryStream();
        DigitModel.Save(ml, result, zip);
        var model = zip.ToArray();
        var card = Card(
            runId, clock.GetUtcNow(), settings, Summary(scan, formatA.UriFor(MnistFiles.PrefixOf(DatasetSplit.Train))), scan.Rejections,
            result.Duration.TotalSeconds, result.TrainingAccuracy, model) with
        {
            TrainingThreads = trainer.Threads,
        };
        return await StoreAsync(models, card, model, cancellationToken);
    }

    /// <summary>The run's stored result when it is already trained (its card exists), or null.</summary>
    internal static async Task<TrainResult?> KeptAsync(IObjectStore models, string runId, IToolLog log, CancellationToken cancellationToken)
    {
        if (await models.GetAsync(RunKeys.ModelCard(runId), cancellationToken) is not { } existing)
        {
            return null;
        }

        var kept = JobJson.Deserialize<ModelCard>(existing, models.UriFor(RunKeys.ModelCard(runId)));
        log.Info($"run {runId} is already trained ({models.UriFor(RunKeys.ModelCard(runId))}, {kept.CreatedUtc:u}): kept, not overwritten; "
            + "use another run id to train again");
        return new TrainResult(kept, models.UriFor(RunKeys.Model(runId)), models.UriFor(RunKeys.ModelCard(runId))) { Kept = true };
    }

    /// <summary>The card of a model trained now.</summary>
    internal static ModelCard Card(
        string runId,
        DateTimeOffset created,
        TrainerSettings settings,
        TrainingDataSummary data,
        IReadOnlyList<Rejection> rejections,
        double trainingSeconds,
        double trainingAccuracy,
        byte[] model) => new(
        runId,
        created,
        MnistTrainer.TrainerName,
        settings,
        DigitFeaturizer.Name,
        DigitFeaturizer.FeatureCount,
        data,
        rejections,
        trainingSeconds,
        trainingAccuracy,
        RunKeys.Model(runId),
        Convert.ToHexStringLower(SHA256.HashData(model)),
        LibraryVersions.All());

    /// <summary>Writes the model, then its card, then <c>latest.json</c>: a reader never finds a pointer to a run without its model.</summary>
    internal static async Task<TrainResult> StoreAsync(IObjectStore models, ModelCard card, byte[] model, CancellationToken cancellationToken)
    {
        await models.PutAsync(card.ModelKey, model, cancellationToken);
        await models.PutAsync(RunKeys.ModelCard(card.RunId), JobJson.Serialize(card), cancellationToken);
        await models.PutAsync(RunKeys.Latest, JobJson.Serialize(new RunPointer(card.RunId, card.CreatedUtc)), cancellationToken);
        return new TrainResult(card, models.UriFor(card.ModelKey), models.UriFor(RunKeys.ModelCard(card.RunId)));
    }

    /// <summary>The card's account of the training digits of <paramref name="scan"/>, read from <paramref name="uri"/>.</summary>
    internal static TrainingDataSummary Summary(FormatAScan scan, string uri) =>
        new(uri, scan.Inputs, scan.Used.Count, scan.Rejections.Count, scan.LabelCounts, scan.DataHash()) { Warnings = scan.Warnings };

    /// <summary>The training tree, listed, paired and validated; refused when explode did not finish (unless allowed) or nothing is usable.</summary>
    /// <exception cref="ToolException">Exit 4 when no usable digit is found or the tree is incomplete, 3 on storage failures.</exception>
    internal async Task<FormatAScan> ScanTrainingAsync(CancellationToken cancellationToken)
    {
        var scan = await FormatAReader.ScanAsync(formatA, DatasetSplit.Train, log, cancellationToken);
        scan = await FormatACompleteness.CheckAsync(formatA, scan, allowIncomplete, log, cancellationToken);
        if (scan.Used.Count == 0)
        {
            throw ToolException.Integrity(
                $"no usable training digits under {formatA.UriFor(MnistFiles.PrefixOf(DatasetSplit.Train))}: "
                + $"{scan.Inputs} inputs, {scan.Rejections.Count} rejected{string.Concat(scan.Warnings.Select(w => "; " + w))}");
        }

        return scan;
    }
}
