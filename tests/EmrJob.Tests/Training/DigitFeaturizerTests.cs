using MnistJob.Core;
using MnistJob.Tests.Support;
using MnistJob.Training;

namespace MnistJob.Tests.Training;

[TestFixture]
public class DigitFeaturizerTests
{
    [Test]
    public async Task Extract_RealDigits_SameFeaturesAsTheFirstVersionBitForBit()
    {
        var digits = RealSample.Labeled(await RealSample.ReadSplitAsync(DatasetSplit.Train))
            .Concat(RealSample.Labeled(await RealSample.ReadSplitAsync(DatasetSplit.Test)))
            .Select(d => d.Pixels)
            .ToList();

        AssertSameAsFirstVersion(digits);
    }

    [Test]
    public void Extract_NoiseAndEdgeImages_SameFeaturesAsTheFirstVersionBitForBit()
    {
        // Noise puts gradients on every octant edge (gx = 0, gy = 0, |gx| = |gy|) and mass near the borders, where the
        // shortcuts (zero taps, the border of the padded image, the octant comparisons) could differ from the original.
        var random = new Random(7);
        var images = Enumerable.Range(0, 300).Select(i =>
        {
            var pixels = new byte[MnistFiles.PixelCount];
            if (i % 3 == 0)
            {
                random.NextBytes(pixels);
            }
            else
            {
                for (var k = 0; k < 40; k++)
                {
                    pixels[random.Next(pixels.Length)] = (byte)(i % 2 == 0 ? 255 : random.Next(1, 256));
                }
            }

            return pixels;
        }).ToList();
        images.Add(Enumerable.Repeat((byte)255, MnistFiles.PixelCount).ToArray());
        images.Add(Enumerable.Range(0, MnistFiles.PixelCount).Select(p => (byte)(p % MnistFiles.Side == 0 || p < MnistFiles.Side ? 200 : 0)).ToArray());

        AssertSameAsFirstVersion(images);
    }

    [Test]
    public void Extract_IntoAReusedBuffer_OverwritesEveryFeature()
    {
        var random = new Random(3);
        var first = new byte[MnistFiles.PixelCount];
        random.NextBytes(first);
        var blank = new byte[MnistFiles.PixelCount];
        var buffer = new float[DigitFeaturizer.FeatureCount];

        DigitFeaturizer.Extract(first, buffer);
        DigitFeaturizer.Extract(blank, buffer);

        Assert.That(buffer, Is.EqualTo(DigitFeaturizer.Extract(blank)));
    }

    [Test]
    public void Extract_BufferTooShort_Throws()
    {
        Assert.Throws<ArgumentException>(() => DigitFeaturizer.Extract(new byte[MnistFiles.PixelCount], new float[DigitFeaturizer.FeatureCount - 1]));
    }

    private static void AssertSameAsFirstVersion(IReadOnlyList<byte[]> images)
    {
        Assert.That(DigitFeaturizer.Name, Is.EqualTo(ReferenceFeaturizerV1.Name), "same version, same features");
        var differing = images
            .Select((pixels, i) => (i, Same: DigitFeaturizer.Extract(pixels).AsSpan().SequenceEqual(ReferenceFeaturizerV1.Extract(pixels))))
            .Where(r => !r.Same)
            .Select(r => r.i)
            .ToList();
        Assert.That(differing, Is.Empty, "images whose features differ from the first version's");
    }
}
