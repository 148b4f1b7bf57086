namespace MnistEmr.Job.Shared.FormatA;

/// <summary>
/// The <c>rows list</c> stage's work: one listing of a tree by the job itself, turned into the names the fetch tasks
/// read. It replaces Spark's own listing (binaryFile), which drops empty files and fails on a prefix with no object.
/// </summary>
/// <param name="Names">The names, ordered by stem.</param>
/// <param name="Objects">Objects listed (hidden ones and, with files, other names not counted).</param>
/// <param name="Hidden">Entries skipped: hidden names of a FORMAT A tree; with files, every key that is no scoring input (each still a name, which nothing fetches).</param>
internal sealed record NameListing(IReadOnlyList<NameKeys> Names, int Objects, int Hidden)
{
    /// <summary>
    /// Lists <paramref name="store"/> from its root. A FORMAT A tree is grouped by name (<see cref="NameKeys.Group"/>);
    /// with <paramref name="files"/>, each scoring input (<see cref="ScoreKeys.IsInput"/>, as the local <c>score</c>
    /// takes them) is a name of its own, and every other file a name with no key to fetch, so that the score tasks
    /// list it as skipped, with why, as the local <c>score</c> does, rather than the summary never hearing of it.
    /// </summary>
    public static async Task<NameListing> ListAsync(IObjectStore store, bool files, CancellationToken cancellationToken)
    {
        var listing = await TreeListing.ListAsync(
            store, string.Empty, files ? _ => false : FormatAKeys.IsHiddenBelowRoot, cancellationToken);
        // An entry that is no object (only folders have them: S3 lists objects alone) stays an input, so a reader
        // rejects it rather than never hearing of it.
        var keys = listing.Keys.Concat(listing.NotObjects.Select(e => e.Key)).ToList();
        if (!files)
        {
            return new NameListing(NameKeys.Group(keys), keys.Count, listing.Hidden);
        }

        var names = keys.Order(StringComparer.Ordinal)
            .Select(key => ScoreKeys.IsInput(key) ? NameKeys.File(key) : new NameKeys(key, null, null))
            .ToList();
        return new NameListing(names, keys.Count, names.Count(n => n.PngKey is null));
    }
}
