namespace DataLoader.Io;

/// <summary>Where verified files and the manifest are written: an S3 prefix or a local folder.</summary>
public interface IDatasetTarget
{
    /// <summary>The URI of <paramref name="name"/> at this target, as printed in results.</summary>
    string UriFor(string name);

    /// <summary>Fails early (before anything is downloaded) when the target is unreachable or access is denied.</summary>
    /// <exception cref="DataLoader.Core.LoaderException">With exit code 3.</exception>
    Task EnsureAccessibleAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Fails before anything is downloaded when nothing could be written: called once something needs writing, so a
    /// complete dataset on a read-only target still passes.
    /// </summary>
    /// <exception cref="DataLoader.Core.LoaderException">With exit code 3, naming the target.</exception>
    Task EnsureWritableAsync(CancellationToken cancellationToken);

    /// <summary>Returns what is stored under <paramref name="name"/>, or null when nothing is.</summary>
    Task<StoredObject?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Reads a small object (the manifest) fully, or returns null when it does not exist.</summary>
    Task<byte[]?> ReadAllAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="content"/> (seekable, from its start) under <paramref name="name"/> atomically: readers
    /// see the old object or the complete new one, never a partial one.
    /// </summary>
    /// <param name="name">The object or file name.</param>
    /// <param name="content">The bytes to store.</param>
    /// <param name="sha256">The content's verified SHA-256, lowercase hex; recorded so re-runs can skip it.</param>
    /// <param name="source">The mirror URL it came from, recorded when the target supports it.</param>
    /// <param name="progress">Receives the bytes stored so far.</param>
    /// <param name="cancellationToken">Cancels the write; nothing partial remains.</param>
    Task PutAsync(string name, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="name"/> if present.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken);
}
