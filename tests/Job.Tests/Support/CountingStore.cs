using System.Collections.Concurrent;

namespace MnistEmr.Job.Tests.Support;

/// <summary>
/// A store that counts the requests reaching it by kind (GET, HEAD, PUT, LIST, DELETE), with each request's key or
/// prefix: what a stage would pay S3 for. Everything goes on to <paramref name="inner"/>.
/// </summary>
public sealed class CountingStore(IObjectStore inner) : ForwardingObjectStore(inner)
{
    private readonly ConcurrentQueue<(string Kind, string Key)> requests = new();

    /// <summary>Every request so far as "KIND key", in no particular order.</summary>
    public IReadOnlyList<string> Requests => requests.Select(r => $"{r.Kind} {r.Key}").ToList();

    /// <summary>How many requests of <paramref name="kind"/> reached the store.</summary>
    public int Count(string kind) => requests.Count(r => r.Kind == kind);

    /// <summary>Forgets the requests counted so far.</summary>
    public void Reset() => requests.Clear();

    public override IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) =>
        base.ListAsync(Count("LIST", prefix), cancellationToken);

    public override IAsyncEnumerable<ListedEntry> ListEntriesAsync(string prefix, CancellationToken cancellationToken) =>
        base.ListEntriesAsync(Count("LIST", prefix), cancellationToken);

    public override Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken) => base.HeadAsync(Count("HEAD", key), cancellationToken);

    public override Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => base.GetAsync(Count("GET", key), cancellationToken);

    public override Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        base.PutAsync(Count("PUT", key), content, cancellationToken);

    public override Task PutVerifiedAsync(string key, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken) =>
        base.PutVerifiedAsync(Count("PUT", key), content, sha256, source, progress, cancellationToken);

    public override Task DeleteAsync(string key, CancellationToken cancellationToken) => base.DeleteAsync(Count("DELETE", key), cancellationToken);

    private string Count(string kind, string key)
    {
        requests.Enqueue((kind, key));
        return key;
    }
}
