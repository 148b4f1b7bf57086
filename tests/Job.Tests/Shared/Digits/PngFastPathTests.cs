using StbImageSharp;

namespace MnistEmr.Job.Tests.Shared.Digits;

/// <summary>The 8-bit grayscale fast path of <see cref="PngCodec.TryDecode"/> against the general decoder it stands in for.</summary>
[TestFixture]
public class PngFastPathTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void TryDecode_EachRowFilter_SamePixelsAsTheGeneralDecoder(int filter)
    {
        var pixels = Pixels(seed: filter);
        var png = CraftedPng.Gray(28, 28, Filtered(pixels, 28, filter));

        var image = PngCodec.TryDecode(png, out var problem);

        Assert.That(problem, Is.Null);
        Assert.That(image!.Pixels, Is.EqualTo(pixels));
        Assert.That(image.Pixels, Is.EqualTo(ImageResult.FromMemory(png, ColorComponents.Grey).Data));
    }

    [Test]
    public void TryDecode_ImageDataSplitOverSeveralChunks_DecodesIt()
    {
        var pixels = Pixels(seed: 9);

        var image = PngCodec.TryDecode(CraftedPng.Gray(28, 28, Filtered(pixels, 28, 4), idatChunks: 5), out var problem);

        Assert.That(problem, Is.Null);
        Assert.That(image!.Pixels, Is.EqualTo(pixels));
    }

    [Test]
    public void TryDecode_UnknownFilterType_IsRejectedAsBefore()
    {
        var raw = Filtered(Pixels(seed: 1), 28, 0);
        raw[5 * 29] = 7;

        var image = PngCodec.TryDecode(CraftedPng.Gray(28, 28, raw), out var problem);

        Assert.That(image, Is.Null);
        Assert.That(problem, Is.Not.Empty);
    }

    [Test]
    public void TryDecode_ImageDataShorterThanDeclared_IsJudgedByTheGeneralDecoder()
    {
        var raw = Filtered(Pixels(seed: 2), 28, 0)[..(29 * 10)];
        var png = CraftedPng.Gray(28, 28, raw);

        var image = PngCodec.TryDecode(png, out var problem);

        // Whatever the general decoder makes of short data, the fast path adds nothing of its own.
        var general = Try(() => ImageResult.FromMemory(png, ColorComponents.Grey).Data);
        Assert.That(image?.Pixels, Is.EqualTo(general));
        Assert.That(problem is null, Is.EqualTo(general is not null));
    }

    [Test]
    public void TryDecode_ImageDataOneByteLongerThanDeclared_IsRefusedAsABomb()
    {
        var raw = Filtered(Pixels(seed: 3), 28, 0).Append((byte)0).ToArray();

        var image = PngCodec.TryDecode(CraftedPng.Gray(28, 28, raw), out var problem);

        Assert.That(image, Is.Null);
        Assert.That(problem, Does.Contain("inflates to more than the 812 bytes"));
    }

    private static byte[] Pixels(int seed)
    {
        var pixels = new byte[28 * 28];
        new Random(seed).NextBytes(pixels);
        return pixels;
    }

    /// <summary>Rows with a filter-type byte each, filtered as the PNG specification (section 9.2) says.</summary>
    private static byte[] Filtered(byte[] pixels, int width, int filter)
    {
        var height = pixels.Length / width;
        var raw = new byte[height * (width + 1)];
        for (var y = 0; y < height; y++)
        {
            raw[y * (width + 1)] = (byte)filter;
            for (var x = 0; x < width; x++)
            {
                int a = x > 0 ? pixels[(y * width) + x - 1] : 0, b = y > 0 ? pixels[((y - 1) * width) + x] : 0;
                int c = x > 0 && y > 0 ? pixels[((y - 1) * width) + x - 1] : 0;
                var predictor = filter switch
                {
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => 0,
                };
                raw[(y * (width + 1)) + 1 + x] = (byte)(pixels[(y * width) + x] - predictor);
            }
        }

        return raw;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[]? Try(Func<byte[]> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException or OverflowException)
        {
            return null;
        }
    }
}
