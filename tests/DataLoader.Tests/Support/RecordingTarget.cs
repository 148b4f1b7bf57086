namespace MnistEmr.DataLoader.Tests.Support;

/// <summary>Wraps a real store, records the order of verified writes, and can cancel the run after a number of writes.</summary>
public sealed class RecordingTarget(IObjectStore inner, CancellationTokenSource? cancelAfter = null, int writesBeforeCancel = int.MaxValue) : IObjectStore
{
    public List<string> Puts { get; } = [];

    public int MaxConcurrency => inner.MaxConcurrency;

    public string UriFor(string name) => inner.UriFor(name);

    public Task EnsureReachableAsync(CancellationToken cancellationToken) => inner.EnsureReachableAsync(cancellationToken);

    public Task EnsureWritableAsync(CancellationToken cancellationToken) => inner.EnsureWritableAsync(cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    public Task<StoredObject?> HeadAsync(string name, CancellationToken cancellationToken) => inner.HeadAsync(name, cancellationToken);

    public Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken) => inner.GetAsync(name, cancellationToken);

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the loader writes verified objects only");

    public async Task PutVerifiedAsync(string name, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await inner.PutVerifiedAsync(name, content, sha256, source, progress, cancellationToken);
        Puts.Add(name);
        if (Puts.Count >= writesBeforeCancel)
        {
            await cancelAfter!.CancelAsync();
        }
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken) => inner.DeleteAsync(name, cancellationToken);
}
