namespace MnistEmr.DataLoader.Io;

/// <summary>Reads files from a <c>file://</c> mirror, e.g. a local copy of the dataset.</summary>
internal sealed class FileMirrorClient : IMirrorClient
{
    /// <inheritdoc />
    public bool Supports(Uri source) => source.IsFile;

    /// <inheritdoc />
    public async Task DownloadAsync(Uri source, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        destination.SetLength(0);
        try
        {
            await using var input = new FileStream(
                source.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
            await StreamCopy.CopyAsync(input, destination, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new MirrorException("file not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MirrorException(FileErrors.Reason(source.LocalPath, ex), ex);
        }
    }
}
