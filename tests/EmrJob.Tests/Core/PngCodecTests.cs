using MnistJob.Core;

namespace MnistJob.Tests.Core;

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
}
