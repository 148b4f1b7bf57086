using MnistEmr.Common.Storage;
using MnistEmr.Job.Score;

namespace MnistEmr.Job.Shared.FormatA;

/// <summary>
/// The <c>rows list</c> stage's work: one listing of a tree by the job itself, turned into the names the fetch tasks
/// read. It replaces Spark's own listing (binaryFile), which drops empty files and fails on a prefix with no object.
/// </summary>
/// <param name="Names">The names, ordered by stem.</param>
/// <param name="Objects">Objects listed (hidden ones and, with files, other names not counted).</param>
/// <param name="Hidden">Entries skipped: hidden names, and with files every key that is no scoring input.</param>
internal sealed record NameListing(IReadOnlyList<NameKeys> Names, int Objects, int Hidden)
{
    /// <summary>
    /// Lists <paramref name="store"/> from its root. A FORMAT A tree is grouped by name (<see cref="NameKeys.Group"/>);
    /// with <paramref name="files"/>, each scoring input (<see cref="ScoreKeys.IsInput"/>, as the local <c>score</c>
    /// takes them) is a name of its own and the rest is skipped.
    /// </summary>
    public static async Task<NameListing> ListAsync(IObjectStore store, bool files, CancellationToken cancellationToken)
    {
        var listing = await TreeListing.ListAsync(
            store, string.Empty, files ? key => !ScoreKeys.IsInput(key) : FormatAKeys.IsHiddenBelowRoot, cancellationToken);
        // An entry that is no object (only folders have them: S3 lists objects alone) stays an input, so a reader
        // rejects it rather than never hearing of it.
        var keys = listing.Keys.Concat(listing.NotObjects.Select(e => e.Key)).ToList();
        var names = files
            ? keys.Order(StringComparer.Ordinal).Select(NameKeys.File).ToList()
            : NameKeys.Group(keys);
        return new NameListing(names, keys.Count, listing.Hidden);
    }
}
