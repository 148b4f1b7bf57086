using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Core;

namespace MnistJob.Stages;

/// <summary>
/// Train as a distributed task: every FORMAT A train pair arrives in one task; they are read through the same
/// listing, pairing and validation as run-local (<see cref="FormatAReader"/> over a <see cref="MemoryObjectStore"/>
/// carrying the FORMAT A URIs), then <see cref="TrainStage"/> fits and writes model, card and latest.json to S3|4.
/// Same pairs, same settings: the same data hash and the same model as run-local.
/// </summary>
public sealed class PairTrainTask(StoreLocation formatA, IObjectStore models, IToolLog log, TimeProvider clock)
{
    /// <summary>Trains on <paramref name="pairs"/> as run <paramref name="runId"/>.</summary>
    /// <exception cref="ToolException">Exit 4 when no usable digit is among them, 3 on storage failures.</exception>
    public Task<TrainResult> RunAsync(IEnumerable<PairRow> pairs, TrainerSettings settings, string runId, CancellationToken cancellationToken)
    {
        var store = PairRow.ToStore(pairs, DatasetSplit.Train, formatA);
        return new TrainStage(store, models, log, clock).RunAsync(settings, RunKeys.Validate(runId), cancellationToken);
    }
}
