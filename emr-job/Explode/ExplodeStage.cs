using System.Collections.Concurrent;

namespace MnistEmr.Job.Explode;

/// <summary>
/// Explode (S3|1 to S3|2) for one shard: the split's plan first (<see cref="ExplodePlan"/>), then every digit of the
/// slice becomes a PNG and a label file in FORMAT A, then the shard manifest is written, last. A shard whose FORMAT A
/// is up to date (<see cref="ExplodeUpToDate"/>) is kept as it is unless a fresh explode is asked for.
/// </summary>
internal sealed class ExplodeStage(IObjectStore target, FormatALayout layout, IToolLog log, TimeProvider clock)
{
    private readonly DigitExploder exploder = new(layout);

    // The plan of each split as found before this stage wrote anything, fetched once however many shards ask: every
    // shard is judged against the tree as the run found it, not against a plan another shard has just rewritten.
    private readonly ConcurrentDictionary<(DatasetSplit Split, int ShardCount), Lazy<Task<ExplodePlan?>>> plans = new();

    /// <summary>
    /// How <paramref name="shardCount"/> shards run side by side on this machine, as Spark tasks would: how many at
    /// once (one per core at most) and the writes each keeps in flight, <paramref name="target"/>'s
    /// <see cref="IObjectStore.MaxConcurrency"/> shared out between them.
    /// </summary>
    public static (int Shards, int WritesPerShard) SideBySide(IObjectStore target, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(target);
        var shards = Math.Max(1, Math.Min(shardCount, Environment.ProcessorCount));
        return (shards, Math.Max(1, target.MaxConcurrency / shards));
    }

    /// <summary>Writes every shard of <paramref name="shards"/> side by side (<see cref="SideBySide"/>); returns the digits written.</summary>
    /// <remarks>Writes whatever is there, and records no source fingerprint: no later explode keeps these shards.</remarks>
    public async Task<int> RunShardsAsync(DigitSet digits, DatasetSplit split, IReadOnlyList<ShardRange> shards, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var (atOnce, writesPerShard) = SideBySide(target, shards.Count);
        var written = 0;
        await Parallel.ForEachAsync(
            shards,
            new ParallelOptions { MaxDegreeOfParallelism = atOnce, CancellationToken = cancellationToken },
            async (shard, token) =>
            {
                var manifest = await RunShardAsync(digits, split, shard, writesPerShard, token);
                Interlocked.Add(ref written, manifest.Count);
            });
        return written;
    }

    /// <summary>
    /// Every shard of <paramref name="split"/> in <paramref name="shardCount"/> shards, side by side
    /// (<see cref="SideBySide"/>), each kept when up to date unless <paramref name="reExplode"/>; the outcomes in shard order.
    /// </summary>
    public async Task<IReadOnlyList<ShardOutcome>> RunShardsAsync(
        ExplodeInput input, DatasetSplit split, int shardCount, bool reExplode, CancellationToken cancellationToken)
    {
        ShardRange.CheckCount(shardCount);
        var (atOnce, writesPerShard) = SideBySide(target, shardCount);
        var outcomes = new ShardOutcome[shardCount];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, shardCount),
            new ParallelOptions { MaxDegreeOfParallelism = atOnce, CancellationToken = cancellationToken },
            async (shard, token) => outcomes[shard] = await RunShardAsync(input, split, shard, shardCount, reExplode, writesPerShard, token));
        return outcomes;
    }

    /// <summary>
    /// Shard <paramref name="shard"/> of <paramref name="shardCount"/> of <paramref name="split"/>: kept as it is when
    /// its FORMAT A is up to date with <paramref name="input"/>'s fingerprint and this layout (a GET of the split's plan,
    /// once, a GET of the shard's manifest and a HEAD of its last label file), else written, reading S3|1 then.
    /// </summary>
    /// <param name="input">S3|1.</param>
    /// <param name="split">The split.</param>
    /// <param name="shard">The shard, 0 to <paramref name="shardCount"/> - 1.</param>
    /// <param name="shardCount">The shards of the split.</param>
    /// <param name="reExplode">Write the shard even when it is up to date, without looking.</param>
    /// <param name="concurrency">Writes in flight at once.</param>
    /// <param name="cancellationToken">Cancels the shard.</param>
    /// <exception cref="ToolException">Exit 2 for a shard outside the count, 3 on storage failures, 4 on a bad IDX file or record.</exception>
    public async Task<ShardOutcome> RunShardAsync(
        ExplodeInput input, DatasetSplit split, int shard, int shardCount, bool reExplode, int concurrency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ShardRange.Of(shard, shardCount, 0);
        var source = await input.FingerprintAsync(split, cancellationToken);
        if (!reExplode && await UpToDateAsync(split, shard, shardCount, source, cancellationToken) is { } kept)
        {
            log.Info($"explode: {MnistFiles.NameOf(split)} shard {shard} of {shardCount} up to date (source {source.Digest}, layout {ExplodeUpToDate.Describe(layout.Options)}): skipped");
            return new ShardOutcome(kept, Kept: true);
        }

        var digits = await input.DigitsAsync(split, cancellationToken);
        var manifest = await RunShardAsync(digits, split, ShardRange.Of(shard, shardCount, digits.Count), source, concurrency, cancellationToken);
        return new ShardOutcome(manifest, Kept: false);
    }

    /// <summary>Writes shard <paramref name="range"/> of <paramref name="digits"/>; returns its manifest.</summary>
    /// <param name="digits">The split's digits.</param>
    /// <param name="split">Which split they are.</param>
    /// <param name="range">The shard.</param>
    /// <param name="concurrency">Writes in flight at once.</param>
    /// <param name="cancellationToken">Cancels the shard.</param>
    /// <remarks>Writes whatever is there, and records no source fingerprint: no later explode keeps this shard.</remarks>
    public Task<ShardManifest> RunShardAsync(
        DigitSet digits, DatasetSplit split, ShardRange range, int concurrency, CancellationToken cancellationToken) =>
        RunShardAsync(digits, split, range, null, concurrency, cancellationToken);

    private async Task<ShardManifest> RunShardAsync(
        DigitSet digits, DatasetSplit split, ShardRange range, ExplodeSource? source, int concurrency, CancellationToken cancellationToken)
    {
        // The plan first: a tree whose explode is cut short before any shard finishes is still known to be incomplete.
        await target.PutAsync(
            FormatAKeys.PlanKey(split, range.ShardCount),
            JobJson.Serialize(new ExplodePlan(split, range.ShardCount, digits.Count, layout.Options, source)),
            cancellationToken);
        var keys = new string[range.Count];
        var labelCounts = new int[10];
        using var progress = log.Counter($"explode {MnistFiles.NameOf(split)} shard {range.Shard}/{range.ShardCount}", range.Count);
        await Parallel.ForEachAsync(
            digits.In(range),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken },
            async (digit, token) =>
            {
                var files = exploder.Explode(digit, split);
                await target.PutAsync(files.PngKey, files.Png, token);
                await target.PutAsync(files.TxtKey, files.Txt, token);
                keys[digit.Index - range.Start] = files.PngKey;
                Interlocked.Increment(ref labelCounts[files.Label]);
                progress.Add(1);
            });

        await target.PutAsync(FormatAKeys.SplitMarkerKey(split), ReadOnlyMemory<byte>.Empty, cancellationToken);
        var manifest = new ShardManifest(
            split, range.Shard, range.ShardCount, range.Start, range.End, layout.Options, labelCounts, keys, clock.GetUtcNow(), source);
        await target.PutAsync(FormatAKeys.ManifestKey(split, range.Shard, range.ShardCount), JobJson.Serialize(manifest), cancellationToken);
        return manifest;
    }

    // The shard's manifest when its FORMAT A is up to date, else null, having logged why when something was there.
    private async Task<ShardManifest?> UpToDateAsync(DatasetSplit split, int shard, int shardCount, ExplodeSource source, CancellationToken cancellationToken)
    {
        var name = MnistFiles.NameOf(split);
        var plan = await plans.GetOrAdd((split, shardCount), key => new Lazy<Task<ExplodePlan?>>(() => PlanAsync(key.Split, key.ShardCount, source, cancellationToken))).Value;
        if (plan is null)
        {
            return null;
        }

        var manifestKey = FormatAKeys.ManifestKey(split, shard, shardCount);
        var manifest = await target.GetAsync(manifestKey, cancellationToken) is { } bytes
            ? JobJson.Deserialize<ShardManifest>(bytes, target.UriFor(manifestKey))
            : null;
        if (ExplodeUpToDate.ShardProblem(plan, manifest, shard, layout.Options, source) is { } problem)
        {
            log.Info($"explode: {name} shard {shard} of {shardCount} {problem}: writing it");
            return null;
        }

        // The records alone cannot tell a tree someone emptied since (as the advice for a tree holding two explodes
        // says to do) from a whole one: one HEAD of the shard's last label file, written after its image, tells.
        var probe = manifest!.PngKeys.Count > 0
            ? manifest.PngKeys[^1][..^FormatAKeys.PngExtension.Length] + FormatAKeys.TxtExtension
            : FormatAKeys.SplitMarkerKey(split);
        if (await target.HeadAsync(probe, cancellationToken) is null)
        {
            log.Info($"explode: {name} shard {shard} of {shardCount} has its manifest but not {probe}: writing it");
            return null;
        }

        return manifest;
    }

    // The split's plan of this shard count when no problem rules out keeping its shards, else null, having said why once.
    private async Task<ExplodePlan?> PlanAsync(DatasetSplit split, int shardCount, ExplodeSource source, CancellationToken cancellationToken)
    {
        var key = FormatAKeys.PlanKey(split, shardCount);
        var plan = await target.GetAsync(key, cancellationToken) is { } bytes ? JobJson.Deserialize<ExplodePlan>(bytes, target.UriFor(key)) : null;
        if (ExplodeUpToDate.PlanProblem(plan, shardCount, layout.Options, source) is { } problem)
        {
            log.Info($"explode: {MnistFiles.NameOf(split)}: {problem} under {target.UriFor(FormatAKeys.ManifestsOf(split))}: no shard of it is kept");
            return null;
        }

        return plan;
    }
}
