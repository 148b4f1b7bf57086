namespace MnistEmr.DataLoader.Tests.Core;

[TestFixture]
public sealed class DatasetPairingTests
{
    [Test]
    public void CheckCounts_FoundCountsAgree_DoesNotThrow()
    {
        var definition = Unpinned().Definition;

        Assert.DoesNotThrow(() => DatasetPairing.CheckCounts(
            definition, new Dictionary<string, int> { [TestDataset.TrainImages] = 2, [TestDataset.TrainLabels] = 2 }));
    }

    [Test]
    public void CheckCounts_FoundCountsDisagree_ThrowsIntegrityFailureNamingBothFiles()
    {
        var definition = Unpinned().Definition;

        var ex = Assert.Throws<ToolException>(() => DatasetPairing.CheckCounts(
            definition, new Dictionary<string, int> { [TestDataset.TrainImages] = 2, [TestDataset.TrainLabels] = 3 }));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.IntegrityFailure));
        Assert.That(ex.Message, Is.EqualTo(
            $"{TestDataset.TrainImages}: images/labels count (paired with {TestDataset.TrainLabels}) check failed: expected 3 images, found 2 images"));
    }

    [Test]
    public void CheckCounts_OneCountUnknown_DoesNotThrow()
    {
        var definition = Unpinned().Definition;

        Assert.DoesNotThrow(() => DatasetPairing.CheckCounts(
            definition, new Dictionary<string, int> { [TestDataset.TrainImages] = 2 }));
    }

    /// <summary>A pair whose definition leaves counts open, so only the data can disagree.</summary>
    private static TestDataset Unpinned() => new TestDataset()
        .AddImages(TestDataset.TrainImages, Idx.GzipImages(2), count: null, labels: TestDataset.TrainLabels)
        .AddLabels(TestDataset.TrainLabels, Idx.GzipLabels(3), count: null);
}
