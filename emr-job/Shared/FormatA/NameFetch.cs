namespace MnistEmr.Job.Shared.FormatA;

/// <summary>The <c>rows fetch</c> stage's work: the objects of a batch of listed names, read with the store's requests in flight.</summary>
internal static class NameFetch
{
    /// <summary>
    /// The <c>.png</c> and <c>.txt</c> contents of each of <paramref name="names"/>, in their order: null where a name
    /// has no such key or its object is gone since the listing.
    /// </summary>
    public static async Task<IReadOnlyList<(ListedName Name, byte[]? Png, byte[]? Label)>> FetchAsync(
        IObjectStore store, IReadOnlyList<ListedName> names, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var slots = new (int Png, int Label)[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            slots[i] = (Slot(names[i].PngKey), Slot(names[i].LabelKey));
        }

        var contents = await ObjectFetch.GetAllAsync(store, keys, store.MaxConcurrency, cancellationToken);
        return names.Select((name, i) => (name, At(slots[i].Png), At(slots[i].Label))).ToList();

        int Slot(string? key)
        {
            if (key is null)
            {
                return -1;
            }

            keys.Add(key);
            return keys.Count - 1;
        }

        byte[]? At(int slot) => slot < 0 ? null : contents[slot];
    }
}
