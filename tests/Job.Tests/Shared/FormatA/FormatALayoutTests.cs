namespace MnistEmr.Job.Tests.Shared.FormatA;

[TestFixture]
public class FormatALayoutTests
{
    private static readonly FormatALayout Layout = new(new FormatALayoutSettings("seed", 1, 4, 5));

    [Test]
    public void StemFor_SameSeedAndIndex_IsSameEveryTime()
    {
        var again = new FormatALayout(new FormatALayoutSettings("seed", 1, 4, 5));

        Assert.That(again.StemFor(DatasetSplit.Train, 123), Is.EqualTo(Layout.StemFor(DatasetSplit.Train, 123)));
    }

    [Test]
    public void StemFor_OtherSeed_GivesOtherKey()
    {
        var other = new FormatALayout(new FormatALayoutSettings("other", 1, 4, 5));

        Assert.That(other.StemFor(DatasetSplit.Train, 123), Is.Not.EqualTo(Layout.StemFor(DatasetSplit.Train, 123)));
    }

    [Test]
    public void StemFor_ManyIndexes_AreUniqueDigitFreeAndUnderTheirSplit()
    {
        var stems = Enumerable.Range(0, 10_000).Select(i => Layout.StemFor(DatasetSplit.Test, i)).ToList();

        Assert.That(stems.Distinct().Count(), Is.EqualTo(stems.Count));
        Assert.That(stems.All(s => s.StartsWith("test/", StringComparison.Ordinal)), Is.True);
        // No digit at all: names cannot spell a label or an index.
        Assert.That(stems.Any(s => s["test/".Length..].Any(char.IsDigit)), Is.False);
    }

    [Test]
    public void StemFor_ManyIndexes_UseEveryDepthWithinBoundsAndShareFolders()
    {
        var stems = Enumerable.Range(0, 2_000).Select(i => Layout.StemFor(DatasetSplit.Train, i)).ToList();
        var depths = stems.Select(s => s.Split('/').Length - 2).ToList();
        var topFolders = stems.Select(s => s.Split('/')[1]).Distinct().Count();

        Assert.That(depths.Distinct().Order(), Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(topFolders, Is.LessThanOrEqualTo(5 + 1), "fan-out 5 folders, plus no more");
    }

    [Test]
    public void StemFor_TrainAndTest_DoNotCollide()
    {
        Assert.That(Layout.StemFor(DatasetSplit.Train, 5)["train/".Length..], Is.Not.EqualTo(Layout.StemFor(DatasetSplit.Test, 5)["test/".Length..]));
    }

    [TestCase("", 1, 4, 8)]
    [TestCase("s", 3, 2, 8)]
    [TestCase("s", 1, 17, 8)]
    [TestCase("s", 1, 4, 0)]
    public void Constructor_InvalidOptions_IsUsageError(string seed, int min, int max, int fanOut)
    {
        var ex = Assert.Throws<ToolException>(() => _ = new FormatALayout(new FormatALayoutSettings(seed, min, max, fanOut)));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.UsageError));
    }

    [Test]
    public void Explode_Digit_WritesPngAndOneDigitLabelUnderSameName()
    {
        var pixels = Enumerable.Range(0, 784).Select(i => (byte)i).ToArray();

        var files = new DigitExploder(Layout).Explode(new Digit(42, 6, pixels), DatasetSplit.Train);

        Assert.That(files.PngKey[..^4], Is.EqualTo(files.TxtKey[..^4]));
        Assert.That(files.TxtKey, Does.EndWith(".txt"));
        Assert.That(files.Txt, Is.EqualTo("6"u8.ToArray()));
        Assert.That(PngCodec.TryDecode(files.Png, out _)!.Pixels, Is.EqualTo(pixels));
    }
}
