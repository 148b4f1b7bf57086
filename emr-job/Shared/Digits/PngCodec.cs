using StbImageSharp;
using StbImageWriteSharp;

namespace MnistEmr.Job.Shared.Digits;

/// <summary>
/// Lossless 8-bit grayscale PNG: StbImageWriteSharp encodes (colour type 0, bit depth 8, so pixels round-trip
/// exactly), StbImageSharp decodes any PNG to grayscale.
/// </summary>
internal static class PngCodec
{
    // MNIST digits are mostly black background: PNG's "none" filter compresses them as well as the adaptive choice
    // (287 vs 310 bytes here) and skips trying all five filters per row, the encoder's main cost per digit.
    static PngCodec() => StbImageWrite.stbi_write_force_png_filter = 0;

    /// <summary>Encodes <paramref name="pixels"/> (row-major, one byte per pixel) as a grayscale PNG.</summary>
    public static byte[] EncodeGray(ReadOnlySpan<byte> pixels, int width, int height)
    {
        if (pixels.Length != width * height)
        {
            throw new ArgumentException($"{pixels.Length} pixels do not make a {width}x{height} image", nameof(pixels));
        }

        // The writer takes an array and a fresh instance per call, which keeps concurrent shards independent.
        var data = pixels.ToArray();
        using var output = new MemoryStream(width * height / 2 + 128);
        new ImageWriter().WritePng(data, width, height, StbImageWriteSharp.ColorComponents.Grey, output);
        return output.ToArray();
    }

    /// <summary>
    /// The most pixels <see cref="TryDecode"/> decodes (1024x1024, far above a digit): the decoder allocates for the
    /// declared size before it inflates a byte, so the header is checked first.
    /// </summary>
    public const long MaxPixels = 1024 * 1024;

    /// <summary>
    /// Decodes <paramref name="png"/> to grayscale; returns null with a reason when it is not a readable PNG. Nothing
    /// is allocated for the image before its header passes (at most <see cref="MaxPixels"/>) and its image data is
    /// known to inflate to no more than the header declares, so a decompression bomb costs kilobytes, not gigabytes.
    /// </summary>
    public static GrayImage? TryDecode(byte[] png, out string? problem)
    {
        if (PngHeader.TryRead(png, out problem) is not { } header)
        {
            return null;
        }

        if (header.Width * header.Height > MaxPixels)
        {
            problem = $"declares {header.Width}x{header.Height}, more than the {MaxPixels} pixels decoded at most";
            return null;
        }

        var bomb = false;
        if (header is { ColorType: 0, BitDepth: 8, Interlaced: false } && TryDecodeGray8(png, header, out bomb) is { } gray)
        {
            problem = null;
            return gray;
        }
        else if (bomb)
        {
            problem = $"image data inflates to more than the {header.InflatedSize()} bytes its {header.Width}x{header.Height} header declares";
            return null;
        }

        if (ChunkProblem(png) is { } broken)
        {
            problem = broken;
            return null;
        }

        if (InflatesBeyond(png, header.InflatedSize()))
        {
            problem = $"image data inflates to more than the {header.InflatedSize()} bytes its {header.Width}x{header.Height} header declares";
            return null;
        }

        try
        {
            var image = ImageResult.FromMemory(png, StbImageSharp.ColorComponents.Grey);
            problem = null;
            return new GrayImage(image.Width, image.Height, image.Data);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException
            or NullReferenceException or OverflowException)
        {
            // StbImageSharp reports corrupt input with these; a bad file is data, counted by the caller. Its message
            // is sometimes an uninitialised buffer (25 NUL characters for a truncated file), never a reason to show.
            problem = ex.Message.Any(c => char.IsLetter(c)) && !ex.Message.Any(char.IsControl)
                ? $"corrupt image data ({ex.Message})"
                : "corrupt image data (the decoder could not read it)";
            return null;
        }
    }

    /// <summary>
    /// What is wrong with the chunk structure of <paramref name="png"/> after its header, in words (the file ends
    /// inside a chunk, before IEND, or holds no IDAT), or null when the chunks are whole. Checked before the general
    /// decoder, whose own message for a cut file is not text.
    /// </summary>
    public static string? ChunkProblem(ReadOnlySpan<byte> png)
    {
        var at = PngHeader.Length;
        var idat = false;
        while (true)
        {
            if (at == png.Length)
            {
                return $"truncated: the file ends after {png.Length} bytes, before its IEND chunk" + (idat ? string.Empty : " and with no image data (IDAT)");
            }

            if (at + 12 > png.Length)
            {
                return $"truncated: the file ends after {png.Length} bytes, inside a chunk header at byte {at}";
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            var type = System.Text.Encoding.ASCII.GetString(png.Slice(at + 4, 4));
            if (!type.All(char.IsAsciiLetter))
            {
                return $"corrupt: the chunk at byte {at} has no valid type";
            }

            if (length > png.Length - at - 12)
            {
                return $"truncated: the file ends after {png.Length} bytes, inside its {type} chunk at byte {at} ({length} bytes of data declared, {Math.Max(0, png.Length - at - 8)} there)";
            }

            if (type == "IEND")
            {
                return idat ? null : "no image data: the file has no IDAT chunk";
            }

            idat |= type == "IDAT";
            at += 12 + (int)length;
        }
    }

    /// <summary>
    /// The fast path for what the job writes and reads (8-bit grayscale, not interlaced): the IDAT data inflated once
    /// into a buffer one byte larger than the header declares (so the decompression-bomb check and the decoding are one
    /// pass) and the rows unfiltered (PNG specification section 9). Returns null, with <paramref name="bomb"/> set when
    /// the data inflates beyond the header's size; null without it for anything unusual (corrupt or short data, an
    /// unknown filter), which the general path then decodes or rejects with its own message.
    /// </summary>
    private static GrayImage? TryDecodeGray8(byte[] png, PngHeader header, out bool bomb)
    {
        bomb = false;
        var (width, height) = ((int)header.Width, (int)header.Height);
        var stride = width + 1;
        var expected = (long)stride * height;
        using var idat = IdatStream(png);
        if (idat is null)
        {
            return null;
        }

        var inflated = new byte[expected + 1];
        int total = 0;
        try
        {
            using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
            int read;
            while (total < inflated.Length && (read = inflate.Read(inflated, total, inflated.Length - total)) > 0)
            {
                total += read;
            }
        }
        catch (InvalidDataException)
        {
            return null;
        }

        if (total > expected)
        {
            bomb = true;
            return null;
        }

        if (total < expected)
        {
            return null;
        }

        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = inflated[y * stride];
            var row = pixels.AsSpan(y * width, width);
            inflated.AsSpan((y * stride) + 1, width).CopyTo(row);
            var up = y == 0 ? default : pixels.AsSpan((y - 1) * width, width);
            if (!Unfilter(filter, row, up))
            {
                return null;
            }
        }

        return new GrayImage(width, height, pixels);
    }

    /// <summary>Reverses one row's filter in place (one byte per pixel); false for an unknown filter type.</summary>
    private static bool Unfilter(byte filter, Span<byte> row, ReadOnlySpan<byte> up)
    {
        switch (filter)
        {
            case 0:
                return true;
            case 1:
                for (var x = 1; x < row.Length; x++)
                {
                    row[x] += row[x - 1];
                }

                return true;
            case 2:
                for (var x = 0; x < row.Length && !up.IsEmpty; x++)
                {
                    row[x] += up[x];
                }

                return true;
            case 3:
                for (var x = 0; x < row.Length; x++)
                {
                    int left = x > 0 ? row[x - 1] : 0, above = up.IsEmpty ? 0 : up[x];
                    row[x] += (byte)((left + above) >> 1);
                }

                return true;
            case 4:
                for (var x = 0; x < row.Length; x++)
                {
                    int a = x > 0 ? row[x - 1] : 0, b = up.IsEmpty ? 0 : up[x], c = x > 0 && !up.IsEmpty ? up[x - 1] : 0;
                    int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    row[x] += (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>The concatenated IDAT data of <paramref name="png"/> (no copy for a single chunk); null when the chunks are malformed.</summary>
    private static MemoryStream? IdatStream(byte[] png)
    {
        var at = PngHeader.Length;
        var chunks = new List<(int Start, int Length)>(1);
        while (true)
        {
            if (at + 8 > png.Length)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            var type = png.AsSpan(at + 4, 4);
            if (length > png.Length - at - 12)
            {
                return null;
            }

            if (type.SequenceEqual("IDAT"u8))
            {
                chunks.Add((at + 8, (int)length));
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                break;
            }

            at += 12 + (int)length;
        }

        if (chunks.Count == 0)
        {
            return null;
        }

        if (chunks.Count == 1)
        {
            return new MemoryStream(png, chunks[0].Start, chunks[0].Length, writable: false);
        }

        var joined = new MemoryStream();
        foreach (var (start, length) in chunks)
        {
            joined.Write(png, start, length);
        }

        joined.Position = 0;
        return joined;
    }

    /// <summary>
    /// True when the IDAT chunks of <paramref name="png"/> inflate to more than <paramref name="limit"/> bytes. Reads
    /// at most limit + 1 bytes; a stream .NET cannot inflate is left to the decoder to judge.
    /// </summary>
    private static bool InflatesBeyond(byte[] png, long limit)
    {
        using var idat = new MemoryStream();
        var at = PngHeader.Length;
        while (at + 8 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            var type = png.AsSpan(at + 4, 4);
            if (length > png.Length - at - 12)
            {
                break;
            }

            if (type.SequenceEqual("IDAT"u8))
            {
                idat.Write(png, at + 8, (int)length);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                break;
            }

            at += 12 + (int)length;
        }

        idat.Position = 0;
        try
        {
            using var inflate = new ZLibStream(idat, CompressionMode.Decompress);
            var buffer = new byte[8192];
            long total = 0;
            int read;
            while ((read = inflate.Read(buffer)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return true;
                }
            }
        }
        catch (InvalidDataException)
        {
            // Corrupt or truncated zlib data: the decoder rejects it with its own message.
        }

        return false;
    }
}
