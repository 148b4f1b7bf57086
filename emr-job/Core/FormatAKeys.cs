namespace MnistJob.Core;

/// <summary>Key conventions of FORMAT A and of the stage outputs.</summary>
public static class FormatAKeys
{
    /// <summary>Image extension.</summary>
    public const string PngExtension = ".png";

    /// <summary>Label extension.</summary>
    public const string TxtExtension = ".txt";

    /// <summary>Prefix of the shard manifests at the FORMAT A root, beside the split trees.</summary>
    public const string ManifestPrefix = "_manifests/";

    /// <summary>The key of a shard's manifest.</summary>
    public static string ManifestKey(DatasetSplit split, int shard, int shardCount) =>
        $"{ManifestPrefix}{MnistFiles.NameOf(split)}/shard-{shard:D5}-of-{shardCount:D5}.json";
}
