using System.Diagnostics;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Core;

namespace MnistJob.Stages;

/// <summary>run-local: explode (every shard of both splits, in parallel), train, evaluate and report, in one process.</summary>
public sealed class LocalPipeline(ObjectStoreFactory stores, IToolLog log, TimeProvider clock)
{
    /// <summary>Runs the chain.</summary>
    public async Task<RunLocalResult> RunAsync(RunLocalRequest request, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var source = stores.Open(request.Source);
        var formatA = stores.Open(request.FormatA);
        var models = stores.Open(request.Models);
        var reports = stores.Open(request.Reports);

        var explode = Stopwatch.StartNew();
        var exploded = await ExplodeAllAsync(source, formatA, request, cancellationToken);
        explode.Stop();
        log.Info($"exploded {exploded} digits in {explode.Elapsed.TotalSeconds:F1} s to {formatA.UriFor(string.Empty)}");

        var train = await new TrainStage(formatA, models, log, clock, request.AllowIncomplete).RunAsync(request.Trainer, request.Sweep, request.RunId, cancellationToken);
        var evaluate = await new EvaluateStage(formatA, models, reports, log, clock, request.AllowIncomplete).RunAsync(request.RunId, cancellationToken);
        return new RunLocalResult(train, evaluate, exploded, explode.Elapsed.TotalSeconds, total.Elapsed.TotalSeconds);
    }

    /// <summary>Explodes every shard of both splits; returns the digits written.</summary>
    public async Task<int> ExplodeAllAsync(IObjectStore source, IObjectStore formatA, RunLocalRequest request, CancellationToken cancellationToken)
    {
        var stage = new ExplodeStage(formatA, new FormatALayout(request.Layout), log, clock);
        var written = 0;
        // Every input fetched and checked before the first digit is written.
        var sets = await SourceReader.ReadSplitsAsync(source, [DatasetSplit.Train, DatasetSplit.Test], log, cancellationToken);
        foreach (var (split, digits) in sets)
        {
            written += await stage.RunShardsAsync(digits, split, ShardRange.All(request.Shards, digits.Count), cancellationToken);
        }

        return written;
    }
}
