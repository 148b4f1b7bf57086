namespace MnistEmr.Job.Shared.Digits;

/// <summary>
/// Reads one split from its gzip-compressed IDX images and labels files. The header checks (magic, header length)
/// are the data loader's <see cref="IdxHeaderReader"/>; this adds the dimensions, the payload length, label range and
/// the images/labels agreement. Every failure names the file and the check.
/// </summary>
internal static class IdxReader
{
    // A larger count in a header is corruption, not data: refuse it before allocating.
    private const int MaxCount = 10_000_000;

    /// <summary>Reads the digits of a split from the two gzip streams.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.IntegrityFailure"/> naming the file and the failed check.</exception>
    public static async Task<DigitSet> ReadAsync(
        Stream imagesGz, string imagesName, Stream labelsGz, string labelsName, CancellationToken cancellationToken)
    {
        var pixels = await ReadPayloadAsync(imagesGz, imagesName, IdxKind.Images, cancellationToken);
        var labels = await ReadPayloadAsync(labelsGz, labelsName, IdxKind.Labels, cancellationToken);
        var imageCount = pixels.Length / MnistFiles.PixelCount;
        if (imageCount != labels.Length)
        {
            throw ToolException.Integrity(
                $"{imagesName} and {labelsName}: images/labels count check failed: {imageCount} images, {labels.Length} labels");
        }

        var bad = Array.FindIndex(labels, l => l > 9);
        if (bad >= 0)
        {
            throw ToolException.Integrity(labelsName, "label range", "labels 0-9", $"{labels[bad]} at item {bad}");
        }

        return new DigitSet(pixels, labels);
    }

    private static async Task<byte[]> ReadPayloadAsync(Stream gz, string name, IdxKind kind, CancellationToken cancellationToken)
    {
        try
        {
            await using var data = new GZipStream(gz, CompressionMode.Decompress, leaveOpen: true);
            var header = await IdxHeaderReader.ReadAsync(data, name, kind, cancellationToken);
            if (kind == IdxKind.Images && (header.Rows != MnistFiles.Side || header.Cols != MnistFiles.Side))
            {
                throw ToolException.Integrity(name, "IDX dimensions", $"{MnistFiles.Side}x{MnistFiles.Side}", $"{header.Rows}x{header.Cols}");
            }

            if (header.Count is < 0 or > MaxCount)
            {
                throw ToolException.Integrity(name, "IDX count", $"0 to {MaxCount}", header.Count);
            }

            var payload = new byte[header.PayloadBytes];
            var read = await data.ReadAtLeastAsync(payload, payload.Length, throwOnEndOfStream: false, cancellationToken);
            if (read < payload.Length)
            {
                throw ToolException.Integrity(name, "IDX payload length", $"{payload.Length} bytes", $"{read} bytes (truncated)");
            }

            var extra = await data.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false, cancellationToken);
            if (extra > 0)
            {
                throw ToolException.Integrity(name, "IDX payload length", $"{payload.Length} bytes", "more (trailing data)");
            }

            return payload;
        }
        catch (InvalidDataException ex)
        {
            throw ToolException.Integrity(name, "gzip", "a valid gzip stream", ex.Message.TrimEnd('.'));
        }
    }
}
