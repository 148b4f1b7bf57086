using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Core;

namespace MnistJob.Stages;

/// <summary>
/// Explode (S3|1 to S3|2) for one shard: the split's plan first (<see cref="ExplodePlan"/>), then every digit of the
/// slice becomes a PNG and a label file in FORMAT A, then the shard manifest is written, last.
/// </summary>
public sealed class ExplodeStage(IObjectStore target, FormatALayout layout, IToolLog log, TimeProvider clock)
{
    private readonly DigitExploder exploder = new(layout);

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

    /// <summary>Writes shard <paramref name="range"/> of <paramref name="digits"/>; returns its manifest.</summary>
    /// <param name="digits">The split's digits.</param>
    /// <param name="split">Which split they are.</param>
    /// <param name="range">The shard.</param>
    /// <param name="concurrency">Writes in flight at once.</param>
    /// <param name="cancellationToken">Cancels the shard.</param>
    public async Task<ShardManifest> RunShardAsync(
        DigitSet digits, DatasetSplit split, ShardRange range, int concurrency, CancellationToken cancellationToken)
    {
        // The plan first: a tree whose explode is cut short before any shard finishes is still known to be incomplete.
        await target.PutAsync(
            FormatAKeys.PlanKey(split, range.ShardCount), JobJson.Serialize(new ExplodePlan(split, range.ShardCount, digits.Count, layout.Options)), cancellationToken);
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
            split, range.Shard, range.ShardCount, range.Start, range.End, layout.Options, labelCounts, keys, clock.GetUtcNow());
        await target.PutAsync(FormatAKeys.ManifestKey(split, range.Shard, range.ShardCount), JobJson.Serialize(manifest), cancellationToken);
        return manifest;
    }
}
