using System.Buffers.Binary;
using System.IO.Compression;

namespace MnistEmr.DataLoader.Tests.Support;

/// <summary>Tiny IDX files built in memory.</summary>
public static class IdxFixtures
{
    public static byte[] ImagesIdx(int count, int rows, int cols)
    {
        var bytes = new byte[16 + (count * rows * cols)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x00000803);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
        for (var i = 16; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 37);
        }

        return bytes;
    }

    public static byte[] LabelsIdx(int count)
    {
        var bytes = new byte[8 + count];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        for (var i = 0; i < count; i++)
        {
            bytes[8 + i] = (byte)(i % 10);
        }

        return bytes;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(raw);
        }

        return output.ToArray();
    }

    public static byte[] GzipImages(int count, int rows = 3, int cols = 3) => Gzip(ImagesIdx(count, rows, cols));

    public static byte[] GzipLabels(int count) => Gzip(LabelsIdx(count));
}
