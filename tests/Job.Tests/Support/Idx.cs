using System.Buffers.Binary;

namespace MnistEmr.Job.Tests.Support;

/// <summary>Tiny IDX files built in code.</summary>
public static class Idx
{
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

    public static byte[] Labels(params byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(raw);
        }

        return output.ToArray();
    }
}
