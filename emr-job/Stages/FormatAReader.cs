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
        var hidden = 0;
        await foreach (var key in store.ListAsync(prefix, cancellationToken))
        {
            if (FormatAKeys.IsHidden(key))
            {
                hidden++;
            }
            else
            {
                keys.Add(key);
            }
        }

        if (hidden > 0)
        {
            log.Info($"{MnistFiles.NameOf(split)}: skipped {hidden} hidden entr{(hidden == 1 ? "y" : "ies")} (names starting with '_' or '.', which Spark's listing skips too)");
        }

        var pairing = FormatAPairing.Pair(keys);
        var used = new ConcurrentBag<LabeledDigit>();
        var rejections = new ConcurrentBag<Rejection>(pairing.Rejections);
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
                        // Deleted between the listing and the read: still an input, so it is counted.
                        var missing = png is null ? candidate.PngKey : candidate.TxtKey;
                        rejections.Add(new Rejection(missing, png is null ? RejectionReason.OrphanTxt : RejectionReason.OrphanPng, "vanished after listing"));
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

        var warnings = keys.Count == 0 ? new[] { $"empty tree: nothing under {store.UriFor(prefix)}" } : [];
        var scan = new FormatAScan(
            split,
            used.OrderBy(d => d.Key, StringComparer.Ordinal).ToList(),
            rejections.OrderBy(r => r.Key, StringComparer.Ordinal).ToList(),
            warnings);
        log.Info($"{MnistFiles.NameOf(split)}: {scan.Inputs} inputs = {scan.Used.Count} used + {scan.Rejections.Count} rejected ({store.UriFor(prefix)})");
        return scan;
    }
}
