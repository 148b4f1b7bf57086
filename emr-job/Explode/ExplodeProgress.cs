namespace MnistEmr.Job.Explode;

/// <summary>
/// How far the explode of one split got, from its plans and shard manifests alone (no listing of the tree): the
/// explode judged (every shard finished if one did, else the one that got furthest), its finished shards and the
/// digits they wrote per label. <see cref="ExplodeCoverage"/> adds the check of the tree's files; <c>status</c>
/// shows this as it is.
/// </summary>
/// <param name="Split">The split.</param>
/// <param name="ShardCount">The shards of the explode judged.</param>
/// <param name="Digits">The digits that explode writes in all, when known (from its plan or its last shard).</param>
/// <param name="Finished">The manifests of its finished shards, one per shard, in shard order.</param>
internal sealed record ExplodeProgress(DatasetSplit Split, int ShardCount, int? Digits, IReadOnlyList<ShardManifest> Finished)
{
    /// <summary>Shards with no manifest: not finished (running, cut short or failed).</summary>
    public IReadOnlyList<int> MissingShards =>
        Enumerable.Range(0, ShardCount).Except(Finished.Select(m => m.Shard)).Order().ToList();

    /// <summary>Whether every shard finished.</summary>
    public bool Complete => Finished.Count == ShardCount;

    /// <summary>Digits the finished shards wrote.</summary>
    public int Written => Finished.Sum(m => m.Count);

    /// <summary>Digits the finished shards wrote per label 0-9.</summary>
    public IReadOnlyList<int> LabelCounts =>
        Enumerable.Range(0, 10).Select(label => Finished.Sum(m => label < m.LabelCounts.Count ? m.LabelCounts[label] : 0)).ToList();

    /// <summary>
    /// The explode of <paramref name="split"/> to judge: the one with every shard finished if there is one (a later
    /// explode cut short rewrote the same keys with the same bytes, so it took nothing away), else the one that got
    /// furthest. Null when no explode left a plan or manifest.
    /// </summary>
    /// <param name="split">The split.</param>
    /// <param name="plans">The explode plans found under <c>_manifests/&lt;split&gt;/</c>.</param>
    /// <param name="manifests">The shard manifests found there.</param>
    public static ExplodeProgress? Of(DatasetSplit split, IReadOnlyList<ExplodePlan> plans, IReadOnlyList<ShardManifest> manifests)
    {
        var counts = plans.Select(p => p.ShardCount).Concat(manifests.Select(m => m.ShardCount)).Distinct().ToList();
        if (counts.Count == 0)
        {
            return null;
        }

        var judged = counts
            .Select(count => (Count: count, Shards: manifests.Where(m => m.ShardCount == count).DistinctBy(m => m.Shard).OrderBy(m => m.Shard).ToList()))
            .OrderByDescending(c => c.Shards.Count == c.Count)
            .ThenByDescending(c => (double)c.Shards.Count / c.Count)
            .ThenByDescending(c => c.Count)
            .First();
        var digits = plans.FirstOrDefault(p => p.ShardCount == judged.Count)?.Digits
            ?? judged.Shards.FirstOrDefault(m => m.Shard == judged.Count - 1)?.End;
        return new ExplodeProgress(split, judged.Count, digits, judged.Shards);
    }
}
