namespace MnistJob.Io;

/// <summary>
/// A bucket or folder seen as keys to bytes: all a stage needs from storage. Keys are relative to the store's root
/// and use '/' separators.
/// </summary>
public interface IObjectStore
{
    /// <summary>How many requests are worth having in flight at once.</summary>
    int MaxConcurrency { get; }

    /// <summary>The URI (or path) of <paramref name="key"/>, for messages and reports.</summary>
    string UriFor(string key);

    /// <summary>Every key under <paramref name="prefix"/> (recursively); none when nothing is there.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The bytes of <paramref name="key"/>, or null when there is no such object.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="content"/> under <paramref name="key"/>, replacing what was there.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="key"/>; nothing happens when there is no such object.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
