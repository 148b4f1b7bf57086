namespace MnistEmr.Job.Shared.FormatA;

/// <summary>
/// Compares what a FORMAT A scan found with what explode says it wrote (its plans and shard manifests under
/// <c>_manifests/</c>), so train and evaluate never use an explode cut short without a word: they refuse, naming the
/// missing shards and digits, unless asked to go on (<c>--allow-incomplete</c>), which logs and records the gap.
/// </summary>
internal static class FormatACompleteness
{
    /// <summary>The option that lets train and evaluate use an incomplete tree.</summary>
    public const string AllowOption = "--allow-incomplete";

    /// <summary>Checks <paramref name="scan"/> of <paramref name="formatA"/>; returns it, with the gap as a warning when allowed.</summary>
    /// <exception cref="ToolException">Exit 4 naming what is missing, when the tree is incomplete and that is not allowed.</exception>
    public static async Task<FormatAScan> CheckAsync(
        IObjectStore formatA, FormatAScan scan, bool allowIncomplete, IToolLog log, CancellationToken cancellationToken)
    {
        var (plans, manifests) = await ReadManifestsAsync(formatA, scan.Split, cancellationToken);
        var coverage = ExplodeCoverage.Of(scan.Split, plans, manifests, FoundStems(scan));
        var split = MnistFiles.PrefixOf(scan.Split);
        if (coverage is null)
        {
            // No explode wrote this tree (nothing under _manifests/): there is nothing to compare with.
            return scan;
        }

        if (coverage.Complete)
        {
            log.Info($"{split}: complete: all {coverage.ShardCount} shards of explode finished"
                + (coverage.Digits is { } digits ? $", {digits} digits" : string.Empty));
            return scan;
        }

        var gap = coverage.Describe();
        if (!allowIncomplete)
        {
            // A plain explode keeps every shard whose manifest is up to date, so a digit lost from a finished shard
            // comes back only with a fresh explode.
            var again = coverage.MissingDigits.Count > 0
                ? $"Run explode again with {SparkSizing.ReExplodeOption} to rewrite it (a plain explode keeps finished shards)"
                : "Run explode again to finish it (it writes the unfinished shards and keeps the finished ones)";
            throw ToolException.Integrity($"{gap}. {again}, or pass {AllowOption} to use what is here");
        }

        log.Info($"warning: {gap}; going on with what is here ({AllowOption})");
        return scan with { Warnings = [.. scan.Warnings, gap] };
    }

    /// <summary>The keys without extension of the digits found whole: used, or rejected for their content (both files were there).</summary>
    public static IReadOnlySet<string> FoundStems(FormatAScan scan) =>
        scan.Used.Select(d => d.Key)
            .Concat(scan.Rejections.Where(r => r.Reason is RejectionReason.BadLabel or RejectionReason.UndecodablePng or RejectionReason.WrongSize).Select(r => r.Key))
            .Select(key => key[..key.LastIndexOf('.')])
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The explode plans and shard manifests of <paramref name="split"/> under <c>_manifests/</c>.</summary>
    /// <exception cref="ToolException">Exit 3 on storage failures, 4 for a document that does not parse.</exception>
    public static async Task<(List<ExplodePlan> Plans, List<ShardManifest> Manifests)> ReadManifestsAsync(
        IObjectStore formatA, DatasetSplit split, CancellationToken cancellationToken)
    {
        var prefix = FormatAKeys.ManifestsOf(split);
        var keys = new List<string>();
        await foreach (var key in formatA.ListAsync(prefix, cancellationToken))
        {
            keys.Add(key);
        }

        var plans = new System.Collections.Concurrent.ConcurrentBag<ExplodePlan>();
        var manifests = new System.Collections.Concurrent.ConcurrentBag<ShardManifest>();
        // Up to 10,000 shards: read side by side, as the scan reads digits.
        await Parallel.ForEachAsync(
            keys,
            new ParallelOptions { MaxDegreeOfParallelism = formatA.MaxConcurrency, CancellationToken = cancellationToken },
            async (key, token) =>
            {
                var name = key[prefix.Length..];
                if (name.StartsWith("plan-of-", StringComparison.Ordinal))
                {
                    plans.Add(JobJson.Deserialize<ExplodePlan>(await SourceReader.GetRequiredAsync(formatA, key, token), formatA.UriFor(key)));
                }
                else if (name.StartsWith("shard-", StringComparison.Ordinal))
                {
                    manifests.Add(JobJson.Deserialize<ShardManifest>(await SourceReader.GetRequiredAsync(formatA, key, token), formatA.UriFor(key)));
                }
            });
        return (plans.ToList(), manifests.ToList());
    }
}
