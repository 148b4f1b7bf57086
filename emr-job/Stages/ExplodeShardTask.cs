using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Core;

namespace MnistJob.Stages;

/// <summary>What one shard of one split wrote.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Split">The split.</param>
/// <param name="Digits">Digits written.</param>
/// <param name="ManifestUri">The shard manifest, written last.</param>
public sealed record ExplodeShardResult(int Shard, DatasetSplit Split, int Digits, string ManifestUri);

/// <summary>
/// Explode as a distributed task: shard i of N of both splits, through <see cref="ExplodeStage.RunShardAsync"/>.
/// The source splits are read once per process, however many shards it is given. A retried shard rewrites the
/// same keys with the same bytes and the same manifest key.
/// </summary>
public sealed class ExplodeShardTask(IObjectStore source, IObjectStore formatA, FormatALayout layout, IToolLog log, TimeProvider clock)
{
    private readonly Dictionary<DatasetSplit, DigitSet> digits = [];

    /// <summary>Explodes shard <paramref name="shard"/> of <paramref name="shards"/> of the train and test splits.</summary>
    /// <exception cref="ToolException">Exit 2 for a shard outside 0..shards-1, 3 on storage failures, 4 on a bad IDX file.</exception>
    public async Task<IReadOnlyList<ExplodeShardResult>> RunAsync(int shard, int shards, CancellationToken cancellationToken)
    {
        if (shards < 1 || shard < 0 || shard >= shards)
        {
            throw ToolException.Usage($"shard {shard} is not in 0..{shards - 1}");
        }

        var stage = new ExplodeStage(formatA, layout, log, clock);
        var results = new List<ExplodeShardResult>();
        DatasetSplit[] splits = [DatasetSplit.Train, DatasetSplit.Test];
        if (digits.Count == 0)
        {
            // Both splits, every file checked, before this process writes its first digit.
            foreach (var (split, set) in await SourceReader.ReadSplitsAsync(source, splits, log, cancellationToken))
            {
                digits[split] = set;
            }
        }

        foreach (var split in splits)
        {
            var set = digits[split];
            var range = ShardRange.Of(shard, shards, set.Count);
            var manifest = await stage.RunShardAsync(set, split, range, formatA.MaxConcurrency, cancellationToken);
            results.Add(new ExplodeShardResult(shard, split, manifest.Count, formatA.UriFor(FormatAKeys.ManifestKey(split, shard, shards))));
        }

        return results;
    }
}
