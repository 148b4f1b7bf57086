namespace MnistEmr.Job.Tests.Shared.Sample;

[TestFixture]
public class ScaleFixtureTests
{
    [Test]
    public void Shift_RightAndDown_MovesEveryPixelAndFillsWithZero()
    {
        var pixels = Enumerable.Range(0, MnistFiles.PixelCount).Select(i => (byte)(1 + (i % 250))).ToArray();
        var output = new byte[MnistFiles.PixelCount];

        ScaleFixture.Shift(pixels, 1, 2, output);

        Assert.That(output[(2 * 28) + 1], Is.EqualTo(pixels[0]));
        Assert.That(output[(27 * 28) + 27], Is.EqualTo(pixels[(25 * 28) + 26]));
        Assert.That(output.Take(2 * 28).All(p => p == 0), Is.True, "the two rows shifted in are empty");
        Assert.That(Enumerable.Range(0, 28).All(y => output[y * 28] == 0), Is.True, "the column shifted in is empty");
    }

    [Test]
    public void Shift_LeftAndUp_IsTheInverseOnTheKeptArea()
    {
        var pixels = new byte[MnistFiles.PixelCount];
        new Random(5).NextBytes(pixels);
        var there = new byte[MnistFiles.PixelCount];
        var back = new byte[MnistFiles.PixelCount];

        ScaleFixture.Shift(pixels, -2, -1, there);
        ScaleFixture.Shift(there, 2, 1, back);

        for (var y = 1; y < 28; y++)
        {
            for (var x = 2; x < 28; x++)
            {
                Assert.That(back[(y * 28) + x], Is.EqualTo(pixels[(y * 28) + x]), $"({x}, {y})");
            }
        }
    }

    [Test]
    public void Expand_ToSixTimes_KeepsLabelsAndMakesNoDuplicateImage()
    {
        var random = new Random(11);
        var pixels = new byte[10 * MnistFiles.PixelCount];
        random.NextBytes(pixels);
        var source = new DigitSet(pixels, Enumerable.Range(0, 10).Select(i => (byte)i).ToArray());

        var fixture = ScaleFixture.Expand(source, 60);

        Assert.That(fixture.Count, Is.EqualTo(60));
        Assert.That(Enumerable.Range(0, 60).Select(j => fixture[j].Label), Is.EqualTo(Enumerable.Range(0, 60).Select(j => j % 10)));
        Assert.That(fixture[3].Pixels.ToArray(), Is.EqualTo(source[3].Pixels.ToArray()), "the first copy is the source itself");
        var distinct = Enumerable.Range(0, 60).Select(j => Convert.ToHexString(fixture[j].Pixels.Span)).Distinct().Count();
        Assert.That(distinct, Is.EqualTo(60));
    }

    [Test]
    public void Expand_EmptySource_Throws()
    {
        Assert.Throws<ArgumentException>(() => ScaleFixture.Expand(new DigitSet([], []), 5));
    }
}
