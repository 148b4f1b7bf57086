namespace MnistEmr.Job.Tests.Shared.Digits;

[TestFixture]
public class PngCodecTests
{
    [Test]
    public void EncodeGray_ThenDecode_ReturnsExactPixels()
    {
        var pixels = Enumerable.Range(0, 784).Select(i => (byte)(i * 7 % 256)).ToArray();

        var image = PngCodec.TryDecode(PngCodec.EncodeGray(pixels, 28, 28), out var problem);

        Assert.That(problem, Is.Null);
        Assert.That(image!.Width, Is.EqualTo(28));
        Assert.That(image.Height, Is.EqualTo(28));
        Assert.That(image.Pixels, Is.EqualTo(pixels));
    }

    [Test]
    public void EncodeGray_Always_WritesEightBitGrayscaleHeader()
    {
        var png = PngCodec.EncodeGray(new byte[784], 28, 28);

        Assert.That(png[..8], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        Assert.That(png[24], Is.EqualTo(8), "bit depth");
        Assert.That(png[25], Is.EqualTo(0), "colour type 0 = grayscale");
    }

    [TestCase(new byte[] { })]
    [TestCase(new byte[] { 1, 2, 3, 4 })]
    [TestCase(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0 })]
    public void TryDecode_NotAPng_ReturnsNullWithProblem(byte[] bytes)
    {
        var image = PngCodec.TryDecode(bytes, out var problem);

        Assert.That(image, Is.Null);
        Assert.That(problem, Is.Not.Empty);
    }

    // StbImageSharp's message for a cut file was 25 NUL characters, shown as \x00 escapes in every report.
    [TestCase(60, "truncated: the file ends after 60 bytes, inside its IDAT chunk at byte 33")]
    [TestCase(33, "truncated: the file ends after 33 bytes, before its IEND chunk and with no image data (IDAT)")]
    [TestCase(40, "truncated: the file ends after 40 bytes, inside a chunk header at byte 33")]
    public void TryDecode_TruncatedFile_SaysWhereItEnds(int length, string expected)
    {
        var png = PngCodec.EncodeGray(Enumerable.Range(0, 784).Select(i => (byte)i).ToArray(), 28, 28)[..length];

        var image = PngCodec.TryDecode(png, out var problem);

        Assert.That(image, Is.Null);
        Assert.That(problem, Does.StartWith(expected));
        Assert.That(problem!.Any(char.IsControl), Is.False);
    }

    [Test]
    public void DecodeDigit_ColourPng_NotGrayscaleForEveryReader()
    {
        var rgb = ScoreSample.Rgb(28, 28);

        var image = DigitValidator.DecodeDigit("rgb.png", rgb, out var rejection);

        Assert.That(image, Is.Null, "train, evaluate, predict and score share this one rule");
        Assert.That(rejection!.Reason, Is.EqualTo(RejectionReason.NotGrayscale));
    }

    [Test]
    public void TryDecode_DeclaresHugeSize_RefusesFromTheHeader()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var image = PngCodec.TryDecode(CraftedPng.DeclaresHuge(), out var problem);

        Assert.That(image, Is.Null);
        Assert.That(problem, Does.Contain("declares 30000x30000"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20));
    }

    [Test]
    public void TryDecode_DataInflatesBeyondHeader_IsRefusedWithoutInflatingIt()
    {
        var png = CraftedPng.InflatesHuge();

        var image = PngCodec.TryDecode(png, out var problem);

        Assert.That(png, Has.Length.LessThan(64 * 1024), "a small file");
        Assert.That(image, Is.Null);
        Assert.That(problem, Does.Contain("inflates to more than the 812 bytes"));
    }

    [Test]
    public void PngHeader_InterlacedDigit_CountsEveryAdam7Pass()
    {
        var header = new PngHeader(28, 28, 8, 0, Interlaced: true);

        // Passes of a 28x28 image: 4x4, 3x4, 7x3, 7x7, 14x7, 14x14, 28x14 pixels, each row with its filter byte.
        Assert.That(header.InflatedSize(), Is.EqualTo((4 * 5) + (4 * 4) + (3 * 8) + (7 * 8) + (7 * 15) + (14 * 15) + (14 * 29)));
    }
}
