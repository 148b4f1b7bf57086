namespace MnistEmr.Common.Storage;

/// <summary>Stream copy that reports cumulative progress.</summary>
public static class StreamCopy
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/>; returns the bytes copied.</summary>
    public static async Task<long> CopyAsync(Stream source, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            total += read;
            progress?.Report(total);
        }

        return total;
    }
}
