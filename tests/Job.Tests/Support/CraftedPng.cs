using System.Buffers.Binary;

namespace MnistEmr.Job.Tests.Support;

/// <summary>Hand-built PNGs whose header and image data disagree: the decompression bombs a reader must refuse cheaply.</summary>
public static class CraftedPng
{
    /// <summary>
    /// An 8-bit grayscale PNG declaring <paramref name="width"/>x<paramref name="height"/> whose image data inflates to
    /// <paramref name="raw"/>, split over <paramref name="idatChunks"/> IDAT chunks.
    /// </summary>
    public static byte[] Gray(uint width, uint height, byte[] raw, int idatChunks = 1)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        var data = idat.ToArray();
        var size = (data.Length + idatChunks - 1) / idatChunks;
        for (var start = 0; start < data.Length; start += size)
        {
            Chunk(png, "IDAT", data[start..Math.Min(data.Length, start + size)]);
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The file of the issue: 30000x30000 declared, a few rows of data.</summary>
    public static byte[] DeclaresHuge() => Gray(30000, 30000, new byte[3 * 30001]);

    /// <summary>28x28 declared, but the image data inflates to 16 MiB.</summary>
    public static byte[] InflatesHuge() => Gray(28, 28, new byte[16 << 20]);

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
