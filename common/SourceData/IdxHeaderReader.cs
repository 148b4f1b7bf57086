using System.Buffers.Binary;

namespace MnistEmr.Common.SourceData;

/// <summary>Reads and checks the big-endian IDX header at the start of a decompressed stream.</summary>
public static class IdxHeaderReader
{
    /// <summary>Magic number of an unsigned-byte, 3-dimensional IDX file.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an unsigned-byte, 1-dimensional IDX file.</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads the header of the IDX data in <paramref name="stream"/>, expecting <paramref name="expectedKind"/>.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.IntegrityFailure"/> when the data is not the expected IDX.</exception>
    public static async Task<IdxHeader> ReadAsync(Stream stream, string fileName, IdxKind expectedKind, CancellationToken cancellationToken)
    {
        var expectedMagic = expectedKind == IdxKind.Images ? ImagesMagic : LabelsMagic;
        var headerLength = expectedKind == IdxKind.Images ? 16 : 8;
        var header = new byte[headerLength];
        var read = await stream.ReadAtLeastAsync(header, headerLength, throwOnEndOfStream: false, cancellationToken);
        if (read < 4)
        {
            throw ToolException.Integrity(fileName, "IDX magic", Hex(expectedMagic), $"only {read} bytes");
        }

        var magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expectedMagic)
        {
            throw ToolException.Integrity(fileName, "IDX magic", Hex(expectedMagic), Hex(magic));
        }

        if (read < headerLength)
        {
            throw ToolException.Integrity(fileName, "IDX header length", $"{headerLength} bytes", $"{read} bytes");
        }

        var count = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        if (expectedKind == IdxKind.Labels)
        {
            return new IdxHeader(IdxKind.Labels, count, 0, 0);
        }

        var rows = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(8));
        var cols = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(12));
        return new IdxHeader(IdxKind.Images, count, rows, cols);
    }

    private static string Hex(int value) => $"0x{value:X8}";
}
