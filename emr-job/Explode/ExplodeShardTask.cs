namespace MnistEmr.Job.Explode;

/// <summary>What one shard of one split wrote.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Split">The split.</param>
/// <param name="Digits">Digits written: none when the shard was kept.</param>
/// <param name="ManifestUri">The shard manifest, written last (or found, when the shard was kept).</param>
/// <param name="Kept">Whether the shard was up to date and left as it was.</param>
internal sealed record ExplodeShardResult(int Shard, DatasetSplit Split, int Digits, string ManifestUri, bool Kept = false);

/// <summary>
/// Explode as a distributed task: shard i of N of both splits, through <see cref="ExplodeStage.RunShardAsync(ExplodeInput, DatasetSplit, int, int, bool, int, CancellationToken)"/>.
/// A shard whose FORMAT A is up to date is kept (unless the task is asked for a fresh explode); the source splits are
/// read at most once per process, however many shards it is given, and only when a shard must be written. A retried
/// shard is kept when its first attempt finished, and otherwise rewrites the same keys with the same bytes.
/// </summary>
internal sealed class ExplodeShardTask(IObjectStore source, IObjectStore formatA, FormatALayout layout, IToolLog log, TimeProvider clock)
{
    private static readonly DatasetSplit[] Splits = [DatasetSplit.Train, DatasetSplit.Test];
    private readonly ExplodeInput input = new(source, Splits, log);
    private readonly ExplodeStage stage = new(formatA, layout, log, clock);

    /// <summary>Write every shard, up to date or not.</summary>
    public bool ReExplode { get; init; }

    /// <summary>Explodes shard <paramref name="shard"/> of <paramref name="shards"/> of the train and test splits.</summary>
    /// <exception cref="ToolException">Exit 2 for a shard outside 0..shards-1, 3 on storage failures, 4 on a bad IDX file.</exception>
    public async Task<IReadOnlyList<ExplodeShardResult>> RunAsync(int shard, int shards, CancellationToken cancellationToken)
    {
        if (shards < 1 || shard < 0 || shard >= shards)
        {
            throw ToolException.Usage($"shard {shard} is not in 0..{shards - 1}");
        }

        var results = new List<ExplodeShardResult>();
        foreach (var split in Splits)
        {
            var outcome = await stage.RunShardAsync(input, split, shard, shards, ReExplode, formatA.MaxConcurrency, cancellationToken);
            results.Add(new ExplodeShardResult(
                shard, split, outcome.Written, formatA.UriFor(FormatAKeys.ManifestKey(split, shard, shards)), outcome.Kept));
        }

        return results;
    }
}
