namespace MnistEmr.Job.Shared.Runs;

/// <summary>Turns the file URIs Spark lists (binaryFile's <c>path</c>) back into keys of a store location.</summary>
internal static class SparkPaths
{
    /// <summary>
    /// The key of <paramref name="path"/> relative to <paramref name="root"/>. Scheme and leading slashes are
    /// ignored on both sides, so <c>s3://b/p/train/x.png</c>, <c>s3a://b/p/train/x.png</c> (root <c>s3://b/p/</c>)
    /// and <c>file:/tmp/f/train/x.png</c> (root folder <c>/tmp/f</c>) all give <c>train/x.png</c>.
    /// </summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.IntegrityFailure"/> when the path is not under the root.</exception>
    public static string RelativeKey(StoreLocation root, string path)
    {
        var rootPath = Normalize(root switch
        {
            S3StoreLocation s3 => $"{s3.Bucket}/{s3.Prefix}",
            FolderStoreLocation folder => folder.Folder.Replace('\\', '/'),
            _ => throw new ArgumentOutOfRangeException(nameof(root)),
        });
        if (!rootPath.EndsWith('/'))
        {
            rootPath += "/";
        }

        var normalized = Normalize(path);
        return normalized.StartsWith(rootPath, StringComparison.Ordinal) && normalized.Length > rootPath.Length
            ? normalized[rootPath.Length..]
            : throw ToolException.Integrity($"'{path}' is not under the FORMAT A root {root.UriFor(string.Empty)}");
    }

    private static string Normalize(string uri)
    {
        var colon = uri.IndexOf(':');
        var slash = uri.IndexOf('/');
        if (colon > 0 && (slash < 0 || colon < slash))
        {
            uri = uri[(colon + 1)..];
        }

        return uri.TrimStart('/');
    }
}
