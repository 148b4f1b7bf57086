namespace MnistJob.Core;

/// <summary>
/// Shard <see cref="Shard"/> of <see cref="ShardCount"/>: the contiguous, deterministic slice
/// [<see cref="Start"/>, <see cref="End"/>) of a split; the shards of a count cover it exactly once.
/// </summary>
/// <param name="Shard">Zero-based shard number.</param>
/// <param name="ShardCount">How many shards the split is cut into.</param>
/// <param name="Start">First index, inclusive.</param>
/// <param name="End">Last index, exclusive.</param>
public sealed record ShardRange(int Shard, int ShardCount, int Start, int End)
{
    /// <summary>The number of digits in the shard.</summary>
    public int Count => End - Start;

    /// <summary>Shard <paramref name="shard"/> of <paramref name="shardCount"/> over <paramref name="total"/> digits.</summary>
    /// <exception cref="JobException">With <see cref="ExitCode.UsageError"/> for a shard outside 0..count-1.</exception>
    public static ShardRange Of(int shard, int shardCount, int total)
    {
        if (shardCount < 1)
        {
            throw JobException.Usage($"--shards must be at least 1, not {shardCount}");
        }

        if (shard < 0 || shard >= shardCount)
        {
            throw JobException.Usage($"--shard must be between 0 and {shardCount - 1}, not {shard}");
        }

        // 64-bit products: 60,000 digits times a large shard count must not overflow.
        var start = (int)((long)total * shard / shardCount);
        var end = (int)((long)total * (shard + 1) / shardCount);
        return new ShardRange(shard, shardCount, start, end);
    }

    /// <summary>All shards of <paramref name="shardCount"/> over <paramref name="total"/>.</summary>
    public static IReadOnlyList<ShardRange> All(int shardCount, int total) =>
        Enumerable.Range(0, shardCount).Select(i => Of(i, shardCount, total)).ToList();
}
