namespace MnistEmr.Job.Shared.FormatA;

/// <summary>
/// One FORMAT A name as a distributed engine hands it over: the <c>.png</c> and <c>.txt</c> of the same name,
/// either of them missing. Free of any transport: the row protocol and a future Microsoft.Spark driver both
/// produce these.
/// </summary>
/// <param name="Stem">The key relative to the FORMAT A root without extension (<c>train/abc/def</c>); the whole key for a file that is neither.</param>
/// <param name="Png">The <c>.png</c> content, or null when there is none.</param>
/// <param name="Label">The <c>.txt</c> content, or null when there is none.</param>
internal sealed record PairRow(string Stem, byte[]? Png, byte[]? Label)
{
    /// <summary>
    /// Holds the objects of <paramref name="pairs"/> in a <see cref="MemoryObjectStore"/> under the URIs of
    /// <paramref name="formatA"/>, for <see cref="FormatAReader"/>.
    /// </summary>
    /// <exception cref="ToolException">Exit 4 when a row lies outside the split's tree (nothing is dropped silently).</exception>
    public static MemoryObjectStore ToStore(IEnumerable<PairRow> pairs, DatasetSplit split, StoreLocation formatA)
    {
        var prefix = MnistFiles.PrefixOf(split);
        var store = new MemoryObjectStore(formatA.UriFor);
        foreach (var pair in pairs)
        {
            if (!pair.Stem.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw ToolException.Integrity($"{formatA.UriFor(pair.Stem)} is not under the {prefix} tree of {formatA.UriFor(string.Empty)}");
            }

            foreach (var (key, content) in pair.Objects())
            {
                store.Add(key, content);
            }
        }

        return store;
    }

    /// <summary>The FORMAT A objects this row stands for, as keys and contents.</summary>
    public IEnumerable<(string Key, byte[] Content)> Objects()
    {
        if (Png is not null)
        {
            yield return (Stem + FormatAKeys.PngExtension, Png);
        }

        if (Label is not null)
        {
            yield return (Stem + FormatAKeys.TxtExtension, Label);
        }

        if (Png is null && Label is null)
        {
            // A file that is neither .png nor .txt: its content does not matter, only that it exists.
            yield return (Stem, []);
        }
    }
}
