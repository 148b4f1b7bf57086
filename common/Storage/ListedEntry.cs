namespace MnistEmr.Common.Storage;

/// <summary>
/// One entry of a listing: an object's key, or an entry the store found but does not read as an object (a symbolic
/// link in a folder, a file whose name cannot be opened), with the reason, so a reader can count it instead of losing
/// it silently.
/// </summary>
/// <param name="Key">The key, relative to the store's root, with '/' separators.</param>
/// <param name="NotAnObject">Why the entry is not read as an object; null for an object.</param>
/// <param name="UnreadableName">
/// The entry is not read because its name is not valid UTF-8 (a folder's file; S3 keys are always UTF-8), not because
/// it is a link.
/// </param>
public sealed record ListedEntry(string Key, string? NotAnObject = null, bool UnreadableName = false)
{
    /// <summary>Whether the entry is an object <see cref="IObjectStore.GetAsync"/> reads.</summary>
    public bool IsObject => NotAnObject is null;
}
