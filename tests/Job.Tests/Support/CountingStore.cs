using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace MnistEmr.Job.Tests.Support;

/// <summary>
/// A store that counts the requests reaching it by kind (GET, HEAD, PUT, LIST, DELETE), with each request's key or
/// prefix: what a stage would pay S3 for. Everything goes on to <paramref name="inner"/>.
/// </summary>
public sealed class CountingStore(IObjectStore inner) : IObjectStore
{
    private readonly ConcurrentQueue<(string Kind, string Key)> requests = new();

    /// <summary>Every request so far as "KIND key", in no particular order.</summary>
    public IReadOnlyList<string> Requests => requests.Select(r => $"{r.Kind} {r.Key}").ToList();

    public int MaxConcurrency => inner.MaxConcurrency;

    /// <summary>How many requests of <paramref name="kind"/> reached the store.</summary>
    public int Count(string kind) => requests.Count(r => r.Kind == kind);

    /// <summary>Forgets the requests counted so far.</summary>
    public void Reset() => requests.Clear();

    public string UriFor(string key) => inner.UriFor(key);

    public Task EnsureReachableAsync(CancellationToken cancellationToken) => inner.EnsureReachableAsync(cancellationToken);

    public Task EnsureWritableAsync(CancellationToken cancellationToken) => inner.EnsureWritableAsync(cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) =>
        inner.ListAsync(Count("LIST", prefix), cancellationToken);

    async IAsyncEnumerable<ListedEntry> IObjectStore.ListEntriesAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in inner.ListEntriesAsync(Count("LIST", prefix), cancellationToken))
        {
            yield return entry;
        }
    }

    public Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken) => inner.HeadAsync(Count("HEAD", key), cancellationToken);

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(Count("GET", key), cancellationToken);

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        inner.PutAsync(Count("PUT", key), content, cancellationToken);

    public Task PutVerifiedAsync(string key, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken) =>
        inner.PutVerifiedAsync(Count("PUT", key), content, sha256, source, progress, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(Count("DELETE", key), cancellationToken);

    private string Count(string kind, string key)
    {
        requests.Enqueue((kind, key));
        return key;
    }
}
