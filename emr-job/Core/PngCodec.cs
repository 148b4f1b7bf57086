using StbImageSharp;
using StbImageWriteSharp;

namespace MnistJob.Core;

/// <summary>
/// Lossless 8-bit grayscale PNG: StbImageWriteSharp encodes (colour type 0, bit depth 8, so pixels round-trip
/// exactly), StbImageSharp decodes any PNG to grayscale.
/// </summary>
public static class PngCodec
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

    /// <summary>Decodes <paramref name="png"/> to grayscale; returns null with a reason when it is not a readable image.</summary>
    public static GrayImage? TryDecode(byte[] png, out string? problem)
    {
        try
        {
            var image = ImageResult.FromMemory(png, StbImageSharp.ColorComponents.Grey);
            problem = null;
            return new GrayImage(image.Width, image.Height, image.Data);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException
            or NullReferenceException or OverflowException)
        {
            // StbImageSharp reports corrupt input with these; a bad file is data, counted by the caller.
            problem = ex.Message;
            return null;
        }
    }
}
