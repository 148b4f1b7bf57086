namespace MnistEmr.Job.Explode;

/// <summary>What one explode shard wrote; written after its digits, so its presence means the shard is complete.</summary>
/// <param name="Split">The split.</param>
/// <param name="Shard">Zero-based shard number.</param>
/// <param name="ShardCount">The number of shards of the split.</param>
/// <param name="Start">First digit index, inclusive.</param>
/// <param name="End">Last digit index, exclusive.</param>
/// <param name="Layout">The naming and nesting used (same seed, same keys).</param>
/// <param name="LabelCounts">Digits written per label 0-9.</param>
/// <param name="PngKeys">The image keys written, in index order; each has its <c>.txt</c> beside it.</param>
/// <param name="CreatedUtc">When the shard finished.</param>
/// <param name="Source">The S3|1 files the shard was exploded from, as in the plan; null when not recorded (an older job).</param>
internal sealed record ShardManifest(
    DatasetSplit Split,
    int Shard,
    int ShardCount,
    int Start,
    int End,
    FormatALayoutSettings Layout,
    IReadOnlyList<int> LabelCounts,
    IReadOnlyList<string> PngKeys,
    DateTimeOffset CreatedUtc,
    ExplodeSource? Source = null)
{
    /// <summary>The number of digits written.</summary>
    public int Count => PngKeys.Count;
}
