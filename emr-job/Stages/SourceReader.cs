using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;
using MnistJob.Core;

namespace MnistJob.Stages;

/// <summary>Reads a split's IDX files from node S3|1 (or a folder).</summary>
public static class SourceReader
{
    /// <summary>Reads and checks both IDX files of <paramref name="split"/>.</summary>
    /// <exception cref="ToolException">Exit 3 when a file is missing, 4 when one fails a check.</exception>
    public static async Task<DigitSet> ReadSplitAsync(IObjectStore source, DatasetSplit split, CancellationToken cancellationToken)
    {
        var imagesName = MnistFiles.ImagesOf(split);
        var labelsName = MnistFiles.LabelsOf(split);
        var images = await GetRequiredAsync(source, imagesName, cancellationToken);
        var labels = await GetRequiredAsync(source, labelsName, cancellationToken);
        using var imagesStream = new MemoryStream(images, writable: false);
        using var labelsStream = new MemoryStream(labels, writable: false);
        return await IdxReader.ReadAsync(imagesStream, source.UriFor(imagesName), labelsStream, source.UriFor(labelsName), cancellationToken);
    }

    /// <summary>The bytes of <paramref name="key"/>; a missing object is an I/O failure naming it.</summary>
    public static async Task<byte[]> GetRequiredAsync(IObjectStore store, string key, CancellationToken cancellationToken) =>
        await store.GetAsync(key, cancellationToken) ?? throw ToolException.Remote($"{store.UriFor(key)} does not exist");
}
