namespace MnistEmr.Job.Local;

/// <summary>run-local: explode (every shard of both splits, in parallel), train, evaluate and report, in one process.</summary>
internal sealed class LocalPipeline(ObjectStoreFactory stores, IToolLog log, TimeProvider clock)
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
        var outcomes = await ExplodeAllAsync(source, formatA, request, cancellationToken);
        explode.Stop();
        var exploded = outcomes.Sum(o => o.Written);
        var kept = outcomes.Count(o => o.Kept);
        log.Info($"exploded {exploded} digits in {explode.Elapsed.TotalSeconds:F1} s to {formatA.UriFor(string.Empty)}"
            + (kept > 0 ? $"; kept {kept} of {outcomes.Count} shards as they were (up to date)" : string.Empty));

        var train = await new TrainStage(formatA, models, log, clock, request.AllowIncomplete).RunAsync(request.Trainer, request.Sweep, request.RunId, cancellationToken);
        var evaluate = await new EvaluateStage(formatA, models, reports, log, clock, request.AllowIncomplete).RunAsync(request.RunId, cancellationToken);
        return new RunLocalResult(train, evaluate, exploded, explode.Elapsed.TotalSeconds, total.Elapsed.TotalSeconds)
        {
            ExplodeShardsKept = kept,
            ExplodeShards = outcomes.Count,
        };
    }

    /// <summary>Every shard of both splits, side by side; each kept when up to date unless the request asks for a fresh explode.</summary>
    public async Task<IReadOnlyList<ShardOutcome>> ExplodeAllAsync(IObjectStore source, IObjectStore formatA, RunLocalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stage = new ExplodeStage(formatA, new FormatALayout(request.Layout), log, clock);
        DatasetSplit[] splits = [DatasetSplit.Train, DatasetSplit.Test];
        // Fingerprints first; every input fetched and checked before the first digit is written, when one is.
        var input = new ExplodeInput(source, splits, log);
        if (request.ReExplode)
        {
            log.Info($"explode: {SparkSizing.ReExplodeOption}: no shard is kept, up to date or not");
        }

        var outcomes = new List<ShardOutcome>();
        foreach (var split in splits)
        {
            outcomes.AddRange(await stage.RunShardsAsync(input, split, request.Shards, request.ReExplode, cancellationToken));
        }

        return outcomes;
    }
}
