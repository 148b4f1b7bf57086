using System.Runtime.CompilerServices;

namespace MnistEmr.Common.Storage;

/// <summary>
/// A bucket or folder seen as keys to bytes: all the loader and the job need from storage. Keys are relative to the
/// store's root and use '/' separators. Every failure is a one-line <see cref="ToolException"/> with exit code 3.
/// </summary>
public interface IObjectStore
{
    /// <summary>How many requests are worth having in flight at once.</summary>
    int MaxConcurrency { get; }

    /// <summary>The URI (or path) of <paramref name="key"/>, for messages and results.</summary>
    string UriFor(string key);

    /// <summary>Fails early, before any work, when the store is unreachable, missing or access is denied.</summary>
    Task EnsureReachableAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Fails before any expensive work when nothing could be written; called once something needs writing, so a
    /// complete dataset on a read-only store still passes.
    /// </summary>
    Task EnsureWritableAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every key under <paramref name="prefix"/> (recursively); none when nothing is there. A store that does not
    /// exist (no such bucket, no such folder) is a failure, not an empty listing.
    /// </summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// What <see cref="ListAsync"/> lists, plus the entries a store finds but does not read as objects, each with
    /// its reason (a folder's symbolic links); by default the keys alone, as a bucket has nothing else.
    /// </summary>
    async IAsyncEnumerable<ListedEntry> ListEntriesAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var key in ListAsync(prefix, cancellationToken))
        {
            yield return new ListedEntry(key);
        }
    }

    /// <summary>What is stored under <paramref name="key"/> (size, SHA-256 when known), or null when nothing is.</summary>
    Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken);

    /// <summary>The bytes of <paramref name="key"/>, or null when there is no such object.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="content"/> under <paramref name="key"/>, replacing what was there; readers see the old
    /// object or the whole new one, never a part.
    /// </summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>
    /// Streams <paramref name="content"/> (seekable, from its start) under <paramref name="key"/>, whole or not at all,
    /// checked against <paramref name="sha256"/> where the store can (S3 rejects a PUT whose bytes differ) and recorded
    /// with it so a re-run can skip the object with one <see cref="HeadAsync"/>.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="sha256">Their verified SHA-256, lowercase hex.</param>
    /// <param name="source">Where they came from (a mirror URL), recorded when the store supports it.</param>
    /// <param name="progress">Receives the bytes stored so far.</param>
    /// <param name="cancellationToken">Cancels the write; nothing partial remains.</param>
    Task PutVerifiedAsync(string key, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="key"/>; nothing happens when there is no such object.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
