namespace MnistEmr.DataLoader.Tests.Support;

/// <summary>Wraps a real store, records the order of verified writes, and can cancel the run after a number of writes.</summary>
public sealed class RecordingTarget(IObjectStore inner, CancellationTokenSource? cancelAfter = null, int writesBeforeCancel = int.MaxValue)
    : ForwardingObjectStore(inner)
{
    public List<string> Puts { get; } = [];

    public override Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the loader writes verified objects only");

    public override async Task PutVerifiedAsync(string name, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await base.PutVerifiedAsync(name, content, sha256, source, progress, cancellationToken);
        Puts.Add(name);
        if (Puts.Count >= writesBeforeCancel)
        {
            await cancelAfter!.CancelAsync();
        }
    }
}
