namespace MnistEmr.Job.Explode;

/// <summary>
/// What an explode of one split sets out to write, stored before its first digit under <c>_manifests/</c>: with the
/// shard manifests (written after each shard's digits) it tells a complete tree from one whose explode was cut short,
/// even before the first shard finished. Every shard writes the same plan, so it has no timestamp: a retry writes the
/// same bytes.
/// </summary>
/// <param name="Split">The split.</param>
/// <param name="ShardCount">The shards the split is cut into.</param>
/// <param name="Digits">The digits of the split in S3|1: what the shards write together.</param>
/// <param name="Layout">The naming and nesting used.</param>
/// <param name="Source">
/// The S3|1 files the split is exploded from, by SHA-256; null in a plan written by a job before explode recorded it
/// (or by a caller that did not read S3|1), which no later explode takes as up to date.
/// </param>
internal sealed record ExplodePlan(DatasetSplit Split, int ShardCount, int Digits, FormatALayoutSettings Layout, ExplodeSource? Source = null);
