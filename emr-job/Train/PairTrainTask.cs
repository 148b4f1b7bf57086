namespace MnistEmr.Job.Train;

/// <summary>
/// Train as a distributed task: every FORMAT A train pair arrives in one task; they are read through the same
/// listing, pairing and validation as run-local (<see cref="FormatAReader"/> over a <see cref="MemoryObjectStore"/>
/// carrying the FORMAT A URIs), then <see cref="TrainStage"/> fits and writes model, card and latest.json to S3|4.
/// Same pairs, same settings and threads: the same data hash and the same model as run-local.
/// </summary>
/// <param name="formatA">S3|2, the root the pairs' paths lie under.</param>
/// <param name="models">S3|4.</param>
/// <param name="log">Log lines.</param>
/// <param name="clock">Stamps the card.</param>
/// <param name="threads">LightGBM threads of <see cref="RunAsync"/>: the cores the step gives the task; null for every core.</param>
internal sealed class PairTrainTask(StoreLocation formatA, IObjectStore models, IToolLog log, TimeProvider clock, int? threads = null)
{
    /// <summary>Trains on <paramref name="pairs"/> as run <paramref name="runId"/>.</summary>
    /// <exception cref="ToolException">Exit 4 when no usable digit is among them, 3 on storage failures.</exception>
    public Task<TrainResult> RunAsync(IEnumerable<PairRow> pairs, TrainerSettings settings, string runId, CancellationToken cancellationToken)
    {
        var store = PairRow.ToStore(pairs, DatasetSplit.Train, formatA);
        return new TrainStage(store, models, log, clock, threads: threads).RunAsync(settings, RunKeys.Validate(runId), cancellationToken);
    }

    /// <summary>
    /// The sweep's data task: validates <paramref name="pairs"/> as <see cref="RunAsync"/> does and packs the usable
    /// digits for the candidate tasks (<see cref="SweepStage.PrepareAsync"/>). When the run is already trained its
    /// model is kept and nothing is packed: the training data is then its card's, and <c>Packed</c> is null.
    /// </summary>
    /// <exception cref="ToolException">Exit 4 when no usable digit is among them or too few to hold a validation part out, 3 on storage failures.</exception>
    public async Task<(TrainingDataSummary TrainingData, SweepData? Packed)> PrepareSweepAsync(
        IEnumerable<PairRow> pairs, SweepSettings sweep, string runId, CancellationToken cancellationToken)
    {
        RunKeys.Validate(runId);
        if (await TrainStage.KeptAsync(models, runId, log, cancellationToken) is { } kept)
        {
            return (kept.Card.TrainingData, null);
        }

        var store = PairRow.ToStore(pairs, DatasetSplit.Train, formatA);
        var scan = await new TrainStage(store, models, log, clock).ScanTrainingAsync(cancellationToken);
        var packed = await new SweepStage(models, log, clock).PrepareAsync(scan, store.UriFor(MnistFiles.PrefixOf(DatasetSplit.Train)), sweep, runId, cancellationToken);
        return (packed.TrainingData, packed);
    }
}
