namespace MnistEmr.Job.Shared.FormatA;

/// <summary>
/// One name of a listed tree as the readers receive it: the key of its <c>.png</c> and of its <c>.txt</c> (either may be
/// missing), or one key that is neither. It is what the <c>rows list</c> stage sends to the fetching tasks, so the
/// pairing by name is decided once, by the job, before any object is read.
/// </summary>
/// <param name="Stem">The key without <c>.png</c>/<c>.txt</c>; the whole key of a file that is neither.</param>
/// <param name="PngKey">The <c>.png</c>'s key, or null when there is none.</param>
/// <param name="TxtKey">The <c>.txt</c>'s key, or null when there is none.</param>
internal sealed record NameKeys(string Stem, string? PngKey, string? TxtKey)
{
    /// <summary>
    /// Groups <paramref name="keys"/> by name: a <c>.png</c> and a <c>.txt</c> of the same stem share a group, and any
    /// other key is a group of its own, even one named exactly like a digit's stem (<c>a/b</c> beside <c>a/b.png</c>),
    /// so a stray file can never join a digit. Every key lands in exactly one group; groups are ordered by stem, the
    /// stray one after the pair of the same stem.
    /// </summary>
    public static IReadOnlyList<NameKeys> Group(IEnumerable<string> keys)
    {
        var groups = new SortedDictionary<(string Stem, bool Pair), NameKeys>(Comparer<(string Stem, bool Pair)>.Create((a, b) =>
            string.CompareOrdinal(a.Stem, b.Stem) is var byStem and not 0 ? byStem : b.Pair.CompareTo(a.Pair)));
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            if (key.EndsWith(FormatAKeys.PngExtension, StringComparison.Ordinal))
            {
                var stem = key[..^FormatAKeys.PngExtension.Length];
                groups[(stem, true)] = (groups.GetValueOrDefault((stem, true)) ?? new NameKeys(stem, null, null)) with { PngKey = key };
            }
            else if (key.EndsWith(FormatAKeys.TxtExtension, StringComparison.Ordinal))
            {
                var stem = key[..^FormatAKeys.TxtExtension.Length];
                groups[(stem, true)] = (groups.GetValueOrDefault((stem, true)) ?? new NameKeys(stem, null, null)) with { TxtKey = key };
            }
            else
            {
                groups[(key, false)] = new NameKeys(key, null, null);
            }
        }

        return groups.Values.ToList();
    }

    /// <summary>A lone file: the key of a single object with no partner, read as it is (the scoring inbox's images).</summary>
    public static NameKeys File(string key) => new(key, key, null);
}
