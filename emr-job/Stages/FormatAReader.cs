using System.Collections.Concurrent;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Core;

namespace MnistJob.Stages;

/// <summary>
/// Discovers one split of FORMAT A by listing, pairs images with labels, fetches and validates every pair. Nothing
/// is dropped silently: each input is either used or listed as a rejection.
/// </summary>
public static class FormatAReader
{
    /// <summary>Reads split <paramref name="split"/> of the FORMAT A tree in <paramref name="store"/>.</summary>
    public static async Task<FormatAScan> ScanAsync(IObjectStore store, DatasetSplit split, IToolLog log, CancellationToken cancellationToken)
    {
        var prefix = MnistFiles.PrefixOf(split);
        var keys = new List<string>();
        var notObjects = new List<Rejection>();
        var hidden = 0;
        await foreach (var entry in store.ListEntriesAsync(prefix, cancellationToken))
        {
            if (FormatAKeys.IsHidden(entry.Key))
            {
                hidden++;
            }
            else if (!entry.IsObject)
            {
                // A link is an input that cannot be used: counted and named, never silently skipped.
                notObjects.Add(new Rejection(entry.Key, RejectionReason.SymbolicLink, entry.NotAnObject!));
            }
            else
            {
                keys.Add(entry.Key);
            }
        }

        if (hidden > 0)
        {
            log.Info($"{MnistFiles.NameOf(split)}: skipped {hidden} hidden entr{(hidden == 1 ? "y" : "ies")} (names starting with '_' or '.', which Spark's listing skips too)");
        }

        var pairing = FormatAPairing.Pair(keys);
        var used = new ConcurrentBag<LabeledDigit>();
        var rejections = new ConcurrentBag<Rejection>(pairing.Rejections.Concat(notObjects));
        using (var progress = log.Counter($"read {MnistFiles.NameOf(split)} ({pairing.Candidates.Count} pairs)", pairing.Candidates.Count))
        {
            await Parallel.ForEachAsync(
                pairing.Candidates,
                new ParallelOptions { MaxDegreeOfParallelism = store.MaxConcurrency, CancellationToken = cancellationToken },
                async (candidate, token) =>
                {
                    var png = await store.GetAsync(candidate.PngKey, token);
                    var txt = await store.GetAsync(candidate.TxtKey, token);
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

                    progress.Add(1);
                });
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
