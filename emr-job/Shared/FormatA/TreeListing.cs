namespace MnistEmr.Job.Shared.FormatA;

/// <summary>What a reader found under a prefix: the objects it reads, the entries it cannot read, the hidden ones it skipped.</summary>
/// <param name="Keys">Keys of the objects to read, relative to the store's root, in listing order.</param>
/// <param name="NotObjects">Entries found that are no objects (a folder's symbolic links), each with its reason.</param>
/// <param name="Hidden">Entries skipped because a name on their path starts with '_' or '.'.</param>
internal sealed record TreeListing(IReadOnlyList<string> Keys, IReadOnlyList<ListedEntry> NotObjects, int Hidden)
{
    /// <summary>
    /// Lists everything under <paramref name="prefix"/> of <paramref name="store"/> with the store's own listing (S3's
    /// ListObjectsV2 pages: one request per 1,000 keys, whatever the folders' depth). <paramref name="isHidden"/> decides
    /// which keys are skipped. On EMR this listing replaces Spark's: an object of zero bytes is listed like any other
    /// (Spark's file index drops empty files: Spark 3.5 PartitioningAwareFileIndex.listFiles keeps <c>f.getLen &gt; 0</c>
    /// only), and a prefix with no object is an empty listing, not a failure.
    /// </summary>
    public static async Task<TreeListing> ListAsync(IObjectStore store, string prefix, Func<string, bool> isHidden, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var notObjects = new List<ListedEntry>();
        var hidden = 0;
        await foreach (var entry in store.ListEntriesAsync(prefix, cancellationToken))
        {
            if (isHidden(entry.Key))
            {
                hidden++;
            }
            else if (entry.IsObject)
            {
                keys.Add(entry.Key);
            }
            else
            {
                notObjects.Add(entry);
            }
        }

        return new TreeListing(keys, notObjects, hidden);
    }
}
