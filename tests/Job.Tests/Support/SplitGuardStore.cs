namespace MnistEmr.Job.Tests.Support;

/// <summary>
/// A store that fails the test on any list, head or get under <paramref name="forbidden"/>: proof that a stage never
/// reads that part of the tree. Everything else goes to <paramref name="inner"/>.
/// </summary>
public sealed class SplitGuardStore(IObjectStore inner, string forbidden) : ForwardingObjectStore(inner)
{
    /// <summary>Every read that reached the store, keys and prefixes alike.</summary>
    public List<string> Reads { get; } = [];

    public override IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => base.ListAsync(Check(prefix), cancellationToken);

    public override IAsyncEnumerable<ListedEntry> ListEntriesAsync(string prefix, CancellationToken cancellationToken) =>
        base.ListEntriesAsync(Check(prefix), cancellationToken);

    public override Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken) => base.HeadAsync(Check(key), cancellationToken);

    public override Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => base.GetAsync(Check(key), cancellationToken);

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
