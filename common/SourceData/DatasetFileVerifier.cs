using System.Buffers.Binary;
using System.IO.Compression;

namespace MnistEmr.Common.SourceData;

/// <summary>
/// Checks downloaded bytes against their definition, cheapest first: size, SHA-256, then a full gzip decompression
/// with the IDX magic, count, dimensions and payload length.
/// </summary>
public static class DatasetFileVerifier
{
    /// <summary>Verifies <paramref name="content"/> (seekable, read from its start) as <paramref name="file"/>.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.IntegrityFailure"/> naming the failed check.</exception>
    public static async Task<VerifiedFile> VerifyAsync(DatasetFile file, Stream content, CancellationToken cancellationToken)
    {
        content.Position = 0;
        var (bytes, sha256) = await VerifyDigestAsync(file.Name, file.Bytes, file.Sha256, content, cancellationToken);
        content.Position = 0;
        var header = await VerifyContentAsync(file, content, cancellationToken);
        return new VerifiedFile(file.Name, bytes, sha256, header);
    }

    /// <summary>
    /// The cheap checks alone: reads <paramref name="content"/> to its end and compares its size, then its SHA-256,
    /// with what is expected of <paramref name="name"/> (a definition's or a manifest's entry).
    /// </summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.IntegrityFailure"/> naming the failed check.</exception>
    public static async Task<(long Bytes, string Sha256)> VerifyDigestAsync(
        string name, long expectedBytes, string expectedSha256, Stream content, CancellationToken cancellationToken)
    {
        var (bytes, sha256) = await Sha256Digest.ComputeAsync(content, cancellationToken);
        if (bytes != expectedBytes)
        {
            throw ToolException.Integrity(name, "size", $"{expectedBytes} bytes", $"{bytes} bytes");
        }

        if (sha256 != expectedSha256)
        {
            throw ToolException.Integrity(name, "SHA-256", expectedSha256, sha256);
        }

        return (bytes, sha256);
    }

    private static async Task<IdxHeader> VerifyContentAsync(DatasetFile file, Stream content, CancellationToken cancellationToken)
    {
        await VerifyGzipAsync(file.Name, content, cancellationToken);
        content.Position = 0;
        await using var gzip = new GZipStream(content, CompressionMode.Decompress, leaveOpen: true);
        var header = await IdxHeaderReader.ReadAsync(gzip, file.Name, file.Kind, cancellationToken);
        var payload = await CountToEndAsync(gzip, cancellationToken);
        if (file.Count is { } count && header.Count != count)
        {
            throw ToolException.Integrity(file.Name, "IDX count", count, header.Count);
        }

        if (file.Kind == IdxKind.Images && (header.Rows != file.Rows || header.Cols != file.Cols))
        {
            throw ToolException.Integrity(file.Name, "IDX dimensions", $"{file.Rows}x{file.Cols}", $"{header.Rows}x{header.Cols}");
        }

        if (payload != header.PayloadBytes)
        {
            throw ToolException.Integrity(file.Name, "IDX payload length", $"{header.PayloadBytes} bytes", $"{payload} bytes");
        }

        return header;
    }

    /// <summary>
    /// Decompresses everything in <paramref name="content"/> (seekable, read from its current position). GZipStream
    /// reports a stream cut short as a normal end, so the decompressed length is also compared with the gzip
    /// trailer's ISIZE (length mod 2^32), the last four bytes of the file. The check every reader of S3|1 makes: the
    /// loader before it writes a file, the job before it explodes one.
    /// </summary>
    /// <returns>The decompressed length.</returns>
    /// <exception cref="ToolException">With <see cref="ExitCode.IntegrityFailure"/> naming <paramref name="name"/> and the gzip check.</exception>
    public static async Task<long> VerifyGzipAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        long decompressed;
        try
        {
            await using var gzip = new GZipStream(content, CompressionMode.Decompress, leaveOpen: true);
            decompressed = await CountToEndAsync(gzip, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw ToolException.Integrity(name, "gzip", "a valid gzip stream", ex.Message.TrimEnd('.'));
        }

        if (content.Length < 4)
        {
            throw ToolException.Integrity(name, "gzip", "a gzip trailer", $"{content.Length} bytes");
        }

        var trailer = new byte[4];
        content.Position = content.Length - trailer.Length;
        await content.ReadExactlyAsync(trailer, cancellationToken);
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        if (declared != (uint)decompressed)
        {
            throw ToolException.Integrity(
                name, "gzip", $"{declared} decompressed bytes (trailer ISIZE)", $"{decompressed}: truncated or corrupt");
        }

        return decompressed;
    }

    private static async Task<long> CountToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}
