namespace MnistEmr.Job.Shared.Digits;

/// <summary>
/// A PNG's IHDR chunk, read from the first 33 bytes without decoding anything: what the image declares, so a caller
/// can refuse a size before a decoder allocates for it (a small file may declare 30000x30000).
/// </summary>
/// <param name="Width">Declared width in pixels (1 to 2^31-1).</param>
/// <param name="Height">Declared height in pixels (1 to 2^31-1).</param>
/// <param name="BitDepth">Bits per sample: 1, 2, 4, 8 or 16.</param>
/// <param name="ColorType">0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGBA.</param>
/// <param name="Interlaced">Adam7 interlacing.</param>
internal sealed record PngHeader(long Width, long Height, int BitDepth, int ColorType, bool Interlaced)
{
    /// <summary>Bytes of the signature plus the IHDR chunk (length, type, 13 bytes of data, CRC).</summary>
    public const int Length = 33;

    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Reads the header of <paramref name="png"/>; null with a reason when it is not a PNG header.</summary>
    public static PngHeader? TryRead(ReadOnlySpan<byte> png, out string? problem)
    {
        if (png.Length < Length || !png[..8].SequenceEqual(Signature))
        {
            problem = png.Length < 8 || !png[..8].SequenceEqual(Signature) ? "no PNG signature" : "truncated before the end of IHDR";
            return null;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(png[8..]) != 13 || !png[12..16].SequenceEqual("IHDR"u8))
        {
            problem = "the first chunk is not a 13-byte IHDR";
            return null;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(png[16..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(png[20..]);
        int bitDepth = png[24], colorType = png[25], interlace = png[28];
        var channels = ChannelsOf(colorType);
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue || channels == 0
            || bitDepth is not (1 or 2 or 4 or 8 or 16) || interlace > 1)
        {
            problem = $"invalid IHDR: {width}x{height}, bit depth {bitDepth}, colour type {colorType}, interlace {interlace}";
            return null;
        }

        problem = null;
        return new PngHeader(width, height, bitDepth, colorType, interlace == 1);
    }

    /// <summary>
    /// The exact number of bytes the image data inflates to for this header (filter byte plus packed samples per
    /// row, per Adam7 pass when interlaced): anything beyond it is not image data.
    /// </summary>
    public long InflatedSize()
    {
        var bitsPerPixel = ChannelsOf(ColorType) * BitDepth;
        long RowsBytes(long width, long height) => width == 0 || height == 0 ? 0 : height * (1 + ((width * bitsPerPixel) + 7) / 8);
        if (!Interlaced)
        {
            return RowsBytes(Width, Height);
        }

        // Adam7 passes as (x start, y start, x step, y step), PNG specification section 8.2.
        ReadOnlySpan<int> passes = [0, 0, 8, 8, 4, 0, 8, 8, 0, 4, 4, 8, 2, 0, 4, 4, 0, 2, 2, 4, 1, 0, 2, 2, 0, 1, 1, 2];
        long total = 0;
        for (var p = 0; p < passes.Length; p += 4)
        {
            var width = Width > passes[p] ? (Width - passes[p] + passes[p + 2] - 1) / passes[p + 2] : 0;
            var height = Height > passes[p + 1] ? (Height - passes[p + 1] + passes[p + 3] - 1) / passes[p + 3] : 0;
            total += RowsBytes(width, height);
        }

        return total;
    }

    private static int ChannelsOf(int colorType) => colorType switch
    {
        0 or 3 => 1,
        2 => 3,
        4 => 2,
        6 => 4,
        _ => 0,
    };
}
