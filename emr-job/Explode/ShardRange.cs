namespace MnistEmr.Job.Explode;

/// <summary>
/// Shard <see cref="Shard"/> of <see cref="ShardCount"/>: the contiguous, deterministic slice
/// [<see cref="Start"/>, <see cref="End"/>) of a split; the shards of a count cover it exactly once.
/// </summary>
/// <param name="Shard">Zero-based shard number.</param>
/// <param name="ShardCount">How many shards the split is cut into.</param>
/// <param name="Start">First index, inclusive.</param>
/// <param name="End">Last index, exclusive.</param>
internal sealed record ShardRange(int Shard, int ShardCount, int Start, int End)
{
    /// <summary>The number of digits in the shard.</summary>
    public int Count => End - Start;

    /// <summary>Shard <paramref name="shard"/> of <paramref name="shardCount"/> over <paramref name="total"/> digits.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.UsageError"/> for a count outside 1..10000 or a shard outside 0..count-1.</exception>
    public static ShardRange Of(int shard, int shardCount, int total)
    {
        CheckCount(shardCount);

        if (shard < 0 || shard >= shardCount)
        {
            throw ToolException.Usage($"--shard must be between 0 and {shardCount - 1}, not {shard}");
        }

        // 64-bit products: 60,000 digits times a large shard count must not overflow.
        var start = (int)((long)total * shard / shardCount);
        var end = (int)((long)total * (shard + 1) / shardCount);
        return new ShardRange(shard, shardCount, start, end);
    }

    /// <summary>
    /// Shards per split when none is given, in <c>explode</c> and <c>run-local</c> alike, so a tree written by either
    /// has the same manifests: enough to use every core of a workstation in run-local, few enough that each shard of
    /// the 10,000 test digits still holds over a thousand.
    /// </summary>
    public const int DefaultCount = 8;

    /// <summary>The one rule for a shard count: 1 to <see cref="SparkSizing.MaxExplodeShards"/>, as synthesis caps it.</summary>
    /// <returns>Null when <paramref name="shardCount"/> is allowed, or the one-line usage error.</returns>
    public static string? ProblemWithCount(long shardCount) =>
        shardCount is >= 1 and <= SparkSizing.MaxExplodeShards
            ? null
            : $"--shards must be from 1 to {SparkSizing.MaxExplodeShards}, not {shardCount}";

    /// <summary>Throws the usage error of <see cref="ProblemWithCount"/>.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.UsageError"/> for a count outside 1..10000.</exception>
    public static void CheckCount(int shardCount)
    {
        if (ProblemWithCount(shardCount) is { } problem)
        {
            throw ToolException.Usage(problem);
        }
    }

    /// <summary>All shards of <paramref name="shardCount"/> over <paramref name="total"/>.</summary>
    public static IReadOnlyList<ShardRange> All(int shardCount, int total) =>
        Enumerable.Range(0, shardCount).Select(i => Of(i, shardCount, total)).ToList();
}
