namespace MnistEmr.DataLoader.Io;

/// <summary>Downloads one file from a mirror URL.</summary>
internal interface IMirrorClient
{
    /// <summary>True when this client handles <paramref name="source"/>'s scheme.</summary>
    bool Supports(Uri source);

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="destination"/> (truncated first), reporting the bytes
    /// copied so far to <paramref name="progress"/>.
    /// </summary>
    /// <exception cref="MirrorException">When this mirror cannot serve the file.</exception>
    Task DownloadAsync(Uri source, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken);
}
