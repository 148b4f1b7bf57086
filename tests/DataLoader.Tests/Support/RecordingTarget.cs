using DataLoader.Io;

namespace DataLoader.Tests.Support;

/// <summary>Wraps a real target, records the order of writes, and can cancel the run after a number of writes.</summary>
public sealed class RecordingTarget(IDatasetTarget inner, CancellationTokenSource? cancelAfter = null, int writesBeforeCancel = int.MaxValue) : IDatasetTarget
{
    public List<string> Puts { get; } = [];

    public string UriFor(string name) => inner.UriFor(name);

    public Task EnsureAccessibleAsync(CancellationToken cancellationToken) => inner.EnsureAccessibleAsync(cancellationToken);

    public Task EnsureWritableAsync(CancellationToken cancellationToken) => inner.EnsureWritableAsync(cancellationToken);

    public Task<StoredObject?> FindAsync(string name, CancellationToken cancellationToken) => inner.FindAsync(name, cancellationToken);

    public Task<byte[]?> ReadAllAsync(string name, CancellationToken cancellationToken) => inner.ReadAllAsync(name, cancellationToken);

    public async Task PutAsync(string name, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await inner.PutAsync(name, content, sha256, source, progress, cancellationToken);
        Puts.Add(name);
        if (Puts.Count >= writesBeforeCancel)
        {
            await cancelAfter!.CancelAsync();
        }
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken) => inner.DeleteAsync(name, cancellationToken);
}
