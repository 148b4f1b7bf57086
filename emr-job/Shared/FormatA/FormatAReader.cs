using System.Collections.Concurrent;

namespace MnistEmr.Job.Shared.FormatA;

/// <summary>
/// Discovers one split of FORMAT A by listing, pairs images with labels, fetches and validates every pair. Nothing
/// is dropped silently: each input is either used or listed as a rejection.
/// </summary>
internal static class FormatAReader
{
    /// <summary>Pairs read at once: a few thousand keep every request slot busy and bound the bytes held.</summary>
    public const int ReadChunk = 2048;

    /// <summary>Reads split <paramref name="split"/> of the FORMAT A tree in <paramref name="store"/>.</summary>
    public static async Task<FormatAScan> ScanAsync(IObjectStore store, DatasetSplit split, IToolLog log, CancellationToken cancellationToken)
    {
        var prefix = MnistFiles.PrefixOf(split);
        var listing = await TreeListing.ListAsync(store, prefix, FormatAKeys.IsHidden, cancellationToken);
        var keys = listing.Keys;
        // A link or a name that cannot be opened is an input that cannot be used: counted and named, never silently skipped.
        var notObjects = listing.NotObjects.Select(Rejection.OfEntry).ToList();
        if (listing.Hidden > 0)
        {
            log.Info($"{MnistFiles.NameOf(split)}: skipped {listing.Hidden} hidden entr{(listing.Hidden == 1 ? "y" : "ies")} (names starting with '_' or '.')");
        }

        var pairing = FormatAPairing.Pair(keys);
        var used = new ConcurrentBag<LabeledDigit>();
        var rejections = new ConcurrentBag<Rejection>(pairing.Rejections.Concat(notObjects));
        using (var progress = log.Counter($"read {MnistFiles.NameOf(split)} ({pairing.Candidates.Count} pairs)", pairing.Candidates.Count))
        {
            // The EMR steps' fetch tasks read the same way (ObjectFetch, the store's requests in flight); a chunk at a
            // time keeps the progress moving and the memory of one chunk's bytes.
            foreach (var chunk in pairing.Candidates.Chunk(ReadChunk))
            {
                var contents = await ObjectFetch.GetAllAsync(
                    store, chunk.SelectMany(c => new[] { c.PngKey, c.TxtKey }).ToList(), store.MaxConcurrency, cancellationToken);
                Parallel.For(0, chunk.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                {
                    var (candidate, png, txt) = (chunk[i], contents[2 * i], contents[(2 * i) + 1]);
                    if (png is null || txt is null)
                    {
                        // Deleted between the listing and the read: still an input, so it is counted, named after
                        // the file that is left, as the pairing names an orphan.
                        rejections.Add(Vanished(candidate, png is null, txt is null));
                    }
                    else if (DigitValidator.Validate(candidate, png, txt, out var rejection) is { } digit)
                    {
                        used.Add(digit);
                    }
                    else
                    {
                        rejections.Add(rejection!);
                    }
                });
                progress.Add(chunk.Length);
            }
        }

        var warnings = keys.Count + notObjects.Count == 0 ? new[] { $"empty tree: nothing under {store.UriFor(prefix)}" } : [];
        var scan = new FormatAScan(
            split,
            used.OrderBy(d => d.Key, StringComparer.Ordinal).ToList(),
            rejections.OrderBy(r => r.Key, StringComparer.Ordinal).ToList(),
            warnings);
        log.Info($"{MnistFiles.NameOf(split)}: {scan.Inputs} inputs = {scan.Used.Count} used + {scan.Rejections.Count} rejected ({store.UriFor(prefix)})");
        return scan;
    }

    /// <summary>The rejection of a pair one or both of whose files vanished between the listing and the read.</summary>
    public static Rejection Vanished(DigitCandidate candidate, bool pngGone, bool txtGone) => (pngGone, txtGone) switch
    {
        (true, true) => new Rejection(candidate.PngKey, RejectionReason.OrphanPng, "its .png and .txt vanished after listing"),
        (true, false) => new Rejection(candidate.TxtKey, RejectionReason.OrphanTxt, "its .png vanished after listing"),
        _ => new Rejection(candidate.PngKey, RejectionReason.OrphanPng, "its .txt vanished after listing"),
    };
}
