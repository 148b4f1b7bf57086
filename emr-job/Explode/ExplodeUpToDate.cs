namespace MnistEmr.Job.Explode;

/// <summary>
/// Whether FORMAT A already holds what an explode would write again, judged from explode's own records alone (the
/// split's plan and each shard's manifest), never from the tree: a shard is up to date when the plan of its shard
/// count and its manifest both name the same source fingerprint (<see cref="ExplodeSource"/>) and layout, and its
/// manifest covers the slice the plan's digit count gives it. Records of a job that wrote no fingerprint are never
/// up to date.
/// </summary>
internal static class ExplodeUpToDate
{
    /// <summary>Why the split's plan rules out keeping any of its shards, or null when the shards may be kept.</summary>
    /// <param name="plan">The plan of <paramref name="shardCount"/> shards found, or null.</param>
    /// <param name="shardCount">The shards this explode cuts the split into.</param>
    /// <param name="layout">The layout this explode writes with.</param>
    /// <param name="source">The fingerprint of the S3|1 files this explode reads.</param>
    public static string? PlanProblem(ExplodePlan? plan, int shardCount, FormatALayoutSettings layout, ExplodeSource source) => plan switch
    {
        null => Inv($"no plan of {shardCount} shards"),
        { Source: null } => "written by an older job, which recorded no source fingerprint",
        _ when plan.ShardCount != shardCount || plan.Digits < 0 => "its plan is unreadable or of another shard count",
        _ when plan.Layout != layout => Inv($"written with another layout ({Describe(plan.Layout)})"),
        _ when !plan.Source.Equals(source) => Inv($"written from another source ({plan.Source.Digest}, now {source.Digest})"),
        _ => null,
    };

    /// <summary>
    /// Why shard <paramref name="shard"/> must be written again, or null when its manifest shows it up to date; call
    /// only once <see cref="PlanProblem"/> found none in <paramref name="plan"/>.
    /// </summary>
    /// <param name="plan">The split's plan, without a problem.</param>
    /// <param name="manifest">The shard's manifest found, or null.</param>
    /// <param name="shard">The shard.</param>
    /// <param name="layout">The layout this explode writes with.</param>
    /// <param name="source">The fingerprint of the S3|1 files this explode reads.</param>
    public static string? ShardProblem(ExplodePlan plan, ShardManifest? manifest, int shard, FormatALayoutSettings layout, ExplodeSource source)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (manifest is null)
        {
            return "not finished (no manifest)";
        }

        var range = ShardRange.Of(shard, plan.ShardCount, plan.Digits);
        var same = manifest.Split == plan.Split
            && manifest.Shard == shard
            && manifest.ShardCount == plan.ShardCount
            && manifest.Start == range.Start
            && manifest.End == range.End
            && manifest.PngKeys?.Count == range.Count
            && manifest.Layout == layout
            && source.Equals(manifest.Source);
        return same ? null : "its manifest is another explode's";
    }

    /// <summary>A layout in a few words, for the log: <c>seed mnist-format-a, depth 1-4, fan-out 8</c>.</summary>
    public static string Describe(FormatALayoutSettings layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return Inv($"seed {layout.Seed}, depth {layout.MinDepth}-{layout.MaxDepth}, fan-out {layout.FanOut}");
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
