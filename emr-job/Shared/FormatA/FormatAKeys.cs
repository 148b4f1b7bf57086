namespace MnistEmr.Job.Shared.FormatA;

/// <summary>Key conventions of FORMAT A and of the stage outputs.</summary>
internal static class FormatAKeys
{
    /// <summary>Image extension.</summary>
    public const string PngExtension = ".png";

    /// <summary>Label extension.</summary>
    public const string TxtExtension = ".txt";

    /// <summary>
    /// An empty object every explode shard writes under its split's tree, so the tree exists even with no digit:
    /// on S3 a prefix with no object is no folder, and Spark's binaryFile source then fails the step with
    /// PATH_NOT_FOUND before the job can say "empty tree". Its name starts with '_', so it is never read as data.
    /// </summary>
    public static string SplitMarkerKey(DatasetSplit split) => MnistFiles.PrefixOf(split) + "_format-a";

    /// <summary>
    /// Whether <paramref name="key"/> (relative to the FORMAT A root) lies in or is a hidden entry: a name below the
    /// split folder starting with '_' or '.'. Spark's file listing skips these (HadoopFSUtils.shouldFilterOutPathName,
    /// Spark 3.5), so every engine of this job skips them too and both read the same inputs.
    /// </summary>
    public static bool IsHidden(string key) => key.IndexOf('/') is var slash and >= 0 && IsHiddenBelowRoot(key[(slash + 1)..]);

    /// <summary>
    /// Whether <paramref name="key"/>, relative to the root of a listed tree (a split, the probe tree), has a folder or
    /// file name starting with '_' or '.': the same rule as <see cref="IsHidden"/>, one level down.
    /// </summary>
    public static bool IsHiddenBelowRoot(string key) =>
        key.Split('/').Any(name => name.StartsWith('_') || name.StartsWith('.'));

    /// <summary>Prefix of the shard manifests at the FORMAT A root, beside the split trees.</summary>
    public const string ManifestPrefix = "_manifests/";

    /// <summary>The key of a shard's manifest.</summary>
    public static string ManifestKey(DatasetSplit split, int shard, int shardCount) =>
        $"{ManifestsOf(split)}shard-{shard:D5}-of-{shardCount:D5}.json";

    /// <summary>The key of the plan of an explode of <paramref name="split"/> in <paramref name="shardCount"/> shards.</summary>
    public static string PlanKey(DatasetSplit split, int shardCount) => $"{ManifestsOf(split)}plan-of-{shardCount:D5}.json";

    /// <summary>The prefix of a split's plans and shard manifests.</summary>
    public static string ManifestsOf(DatasetSplit split) => $"{ManifestPrefix}{MnistFiles.NameOf(split)}/";
}
