using System.Runtime.CompilerServices;

namespace MnistEmr.Job.Tests.Support;

/// <summary>
/// A store that fails the test on any list, head or get under <paramref name="forbidden"/>: proof that a stage never
/// reads that part of the tree. Everything else goes to <paramref name="inner"/>.
/// </summary>
public sealed class SplitGuardStore(IObjectStore inner, string forbidden) : IObjectStore
{
    /// <summary>Every read that reached the store, keys and prefixes alike.</summary>
    public List<string> Reads { get; } = [];

    public int MaxConcurrency => inner.MaxConcurrency;

    public string UriFor(string key) => inner.UriFor(key);

    public Task EnsureReachableAsync(CancellationToken cancellationToken) => inner.EnsureReachableAsync(cancellationToken);

    public Task EnsureWritableAsync(CancellationToken cancellationToken) => inner.EnsureWritableAsync(cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(Check(prefix), cancellationToken);

    async IAsyncEnumerable<ListedEntry> IObjectStore.ListEntriesAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in inner.ListEntriesAsync(Check(prefix), cancellationToken))
        {
            yield return entry;
        }
    }

    public Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken) => inner.HeadAsync(Check(key), cancellationToken);

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(Check(key), cancellationToken);

    public Task PutVerifiedAsync(string key, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken) =>
        inner.PutVerifiedAsync(key, content, sha256, source, progress, cancellationToken);

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.PutAsync(key, content, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    private string Check(string keyOrPrefix)
    {
        lock (Reads)
        {
            Reads.Add(keyOrPrefix);
        }

        // A listing of a parent prefix ("" or "tr") could reach the forbidden part too.
        if (keyOrPrefix.StartsWith(forbidden, StringComparison.Ordinal) || forbidden.StartsWith(keyOrPrefix, StringComparison.Ordinal))
        {
            Assert.Fail($"read of '{keyOrPrefix}', under the forbidden '{forbidden}'");
        }

        return keyOrPrefix;
    }
}
