using System.Buffers.Binary;
using System.IO.Compression;

namespace MnistEmr.Tests.Shared;

/// <summary>Tiny IDX files (the MNIST format: a big-endian header, then one byte per pixel or label) built in code.</summary>
public static class Idx
{
    /// <summary>
    /// An images file of <paramref name="count"/> images with pixels that vary (i × 37); <paramref name="magic"/> and
    /// <paramref name="declaredCount"/> let a test write a header that lies.
    /// </summary>
    public static byte[] Images(int count, int rows = 28, int cols = 28, int magic = 0x00000803, int? declaredCount = null)
    {
        var bytes = new byte[16 + (count * rows * cols)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), declaredCount ?? count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
        for (var i = 16; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 37);
        }

        return bytes;
    }

    /// <summary>A labels file holding <paramref name="labels"/>.</summary>
    public static byte[] Labels(params byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>A labels file of <paramref name="count"/> labels 0, 1, …, 9, 0, 1, ….</summary>
    public static byte[] CyclingLabels(int count) => Labels([.. Enumerable.Range(0, count).Select(i => (byte)(i % 10))]);

    /// <summary>The gzip of <paramref name="raw"/>, as the MNIST files are published.</summary>
    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(raw);
        }

        return output.ToArray();
    }

    /// <summary>A gzipped images file of <paramref name="count"/> small images (3 × 3 unless told).</summary>
    public static byte[] GzipImages(int count, int rows = 3, int cols = 3) => Gzip(Images(count, rows, cols));

    /// <summary>A gzipped labels file of <paramref name="count"/> cycling labels.</summary>
    public static byte[] GzipLabels(int count) => Gzip(CyclingLabels(count));
}
