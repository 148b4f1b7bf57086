using System.Runtime.InteropServices;

namespace MnistEmr.Job.Tests.Shared.Model;

[TestFixture]
public class DigitFeaturizerTests
{
    [Test]
    public async Task Deskew_RealDigits_SameAsTheFirstVersionBitForBit()
    {
        AssertSameAsFirstVersion(await RealPixelsAsync());
    }

    [Test]
    public void Deskew_NoiseAndEdgeImages_SameAsTheFirstVersionBitForBit()
    {
        // Noise puts mass near the borders, where the shortcuts (zero taps, the border of the padded image) could
        // differ from the original.
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
    public async Task Extract_RealDigits_SameAsV2BeforeOptimizationBitForBit()
    {
        AssertSameFeaturesAsV2(await RealPixelsAsync());
    }

    [Test]
    public void Extract_NoiseAndLines_SameAsV2BeforeOptimizationBitForBit()
    {
        // Noise gives gradients of every sign and ratio; the lines give exact axes and diagonals (octant borders).
        var random = new Random(11);
        var images = Enumerable.Range(0, 200).Select(_ =>
        {
            var pixels = new byte[MnistFiles.PixelCount];
            random.NextBytes(pixels);
            return pixels;
        }).ToList();
        foreach (var (dx, dy) in new[] { (1, 0), (0, 1), (1, 1), (1, -1), (2, 1), (1, 2) })
        {
            var pixels = new byte[MnistFiles.PixelCount];
            for (var t = -10; t <= 10; t++)
            {
                var (x, y) = (14 + (t * dx / 2), 14 + (t * dy / 2));
                if (x is >= 0 and < 28 && y is >= 0 and < 28)
                {
                    pixels[(y * 28) + x] = 255;
                }
            }

            images.Add(pixels);
        }

        AssertSameFeaturesAsV2(images);
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

    [Test]
    public async Task Extract_RealDigit_PooledPixelsBlocksAndProfilesAgreeWithTheDeskewedDigit()
    {
        var pixels = RealSample.Labeled(await RealSample.ReadSplitAsync(DatasetSplit.Test))[0].Pixels;
        var deskewed = DigitFeaturizer.Deskew(pixels);

        var features = DigitFeaturizer.Extract(pixels);

        Assert.That(features[0], Is.EqualTo((deskewed[0] + deskewed[1] + deskewed[28] + deskewed[29]) / 1020f), "first pooled pixel");
        Assert.That(features[(14 * 7) + 7], Is.EqualTo((deskewed[(14 * 28) + 14] + deskewed[(14 * 28) + 15] + deskewed[(15 * 28) + 14] + deskewed[(15 * 28) + 15]) / 1020f));
        var blocks = features.Skip(196 + 392).Take(288).Chunk(8).Select(b => b.Sum()).ToList();
        Assert.That(blocks.All(s => s == 0 || Math.Abs(s - 1) < 1e-5), Is.True, "each block's orientations sum to 1, or 0 when empty");
        Assert.That(blocks.Count(s => s > 0), Is.GreaterThan(5));
        var profiles = features.Skip(196 + 392 + 288).ToArray();
        Assert.That(profiles, Has.Length.EqualTo(56));
        Assert.That(profiles[14], Is.EqualTo(deskewed.Skip(14 * 28).Take(28).Sum(p => p) / (255f * 28)), "row 14's sum");
        Assert.That(profiles[28 + 3], Is.EqualTo(Enumerable.Range(0, 28).Sum(y => deskewed[(y * 28) + 3]) / (255f * 28)), "column 3's sum");
    }

    [Test]
    public void Extract_HorizontalGradient_SplitsItsVoteBetweenTheTwoOrientationsAroundIt()
    {
        // A bright band: its left edge has gx > 0, gy = 0 (angle 0, halfway between the centres of orientations 7 and
        // 0), its right edge gx < 0 (angle pi, between 3 and 4). Every row is the same, so deskewing only moves it.
        var pixels = new byte[MnistFiles.PixelCount];
        for (var y = 0; y < 28; y++)
        {
            for (var x = 14; x < 28; x++)
            {
                pixels[(y * 28) + x] = 200;
            }
        }

        var histograms = DigitFeaturizer.Extract(pixels).Skip(196).Take(392).Chunk(8).ToList();

        var voted = histograms.Where(h => h.Sum() > 0).ToList();
        Assert.That(voted, Is.Not.Empty);
        Assert.That(voted.All(h => h[0] == h[7] && h[3] == h[4] && h[1] == 0 && h[2] == 0 && h[5] == 0 && h[6] == 0), Is.True, "split evenly, none elsewhere");
        Assert.That(voted.Any(h => h[0] > 0) && voted.Any(h => h[3] > 0), Is.True, "both edges voted");
    }

    // Both the vector code and the one-pixel-at-a-time code, where this processor runs the vector code; compared bit
    // for bit (a float's Equals would take -0 for +0).
    private static bool[] Paths => DigitFeaturizer.VectorsSupported ? [true, false] : [false];

    /// <summary>The pixels of every digit of the real sample, train then test.</summary>
    private static async Task<List<byte[]>> RealPixelsAsync() =>
        RealSample.Labeled(await RealSample.ReadSplitAsync(DatasetSplit.Train))
            .Concat(RealSample.Labeled(await RealSample.ReadSplitAsync(DatasetSplit.Test)))
            .Select(d => d.Pixels)
            .ToList();

    private static void AssertSameFeaturesAsV2(IReadOnlyList<byte[]> images)
    {
        foreach (var vectors in Paths)
        {
            var features = new float[DigitFeaturizer.FeatureCount];
            var differing = images
                .Select((pixels, i) =>
                {
                    DigitFeaturizer.Extract(pixels, features, vectors);
                    return (i, Same: MemoryMarshal.AsBytes(features.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(ReferenceFeaturizerV2.Extract(pixels).AsSpan())));
                })
                .Where(r => !r.Same)
                .Select(r => r.i)
                .ToList();
            Assert.That(differing, Is.Empty, $"images featurized otherwise than by v2 before its optimization (vector code: {vectors})");
        }
    }

    private static void AssertSameAsFirstVersion(IReadOnlyList<byte[]> images)
    {
        foreach (var vectors in Paths)
        {
            var deskewed = new byte[MnistFiles.PixelCount];
            var differing = images
                .Select((pixels, i) =>
                {
                    DigitFeaturizer.Deskew(pixels, deskewed, vectors);
                    return (i, Same: deskewed.AsSpan().SequenceEqual(ReferenceFeaturizerV1.Deskew(pixels)));
                })
                .Where(r => !r.Same)
                .Select(r => r.i)
                .ToList();
            Assert.That(differing, Is.Empty, $"images deskewed otherwise than by the first version (vector code: {vectors})");
        }
    }
}
