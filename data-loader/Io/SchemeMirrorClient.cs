namespace MnistEmr.DataLoader.Io;

/// <summary>Routes each download to the client that handles its URL scheme.</summary>
internal sealed class SchemeMirrorClient(params IReadOnlyList<IMirrorClient> clients) : IMirrorClient
{
    /// <inheritdoc />
    public bool Supports(Uri source) => clients.Any(c => c.Supports(source));

    /// <inheritdoc />
    public Task DownloadAsync(Uri source, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var client = clients.FirstOrDefault(c => c.Supports(source))
            ?? throw new MirrorException($"unsupported URL scheme '{source.Scheme}'");
        return client.DownloadAsync(source, destination, progress, cancellationToken);
    }
}
