namespace MnistEmr.Job.Tests.Local;

[TestFixture]
public class StageTests
{
    private static readonly FormatALayoutSettings Layout = new("test-seed", 1, 3, 4);

    private static async Task<List<string>> KeysAsync(IObjectStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in store.ListAsync(prefix, CancellationToken.None))
        {
            keys.Add(key);
        }

        return keys.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<DigitSet> ExplodeTestSplitAsync(IObjectStore store, int shards)
    {
        var digits = await RealSample.ReadSplitAsync(DatasetSplit.Test);
        var stage = new ExplodeStage(store, new FormatALayout(Layout), SilentToolLog.Instance, TimeProvider.System);
        foreach (var shard in ShardRange.All(shards, digits.Count))
        {
            await stage.RunShardAsync(digits, DatasetSplit.Test, shard, 4, CancellationToken.None);
        }

        return digits;
    }

    [Test]
    public async Task Explode_AllShards_WritesEveryDigitOnceWithExactPixelsAndLabels()
    {
        using var temp = new TempFolder();
        var store = new FolderObjectStore(new FolderStoreLocation(temp.Path));

        var digits = await ExplodeTestSplitAsync(store, 3);
        var scan = await FormatAReader.ScanAsync(store, DatasetSplit.Test, SilentToolLog.Instance, CancellationToken.None);

        Assert.That(scan.Used, Has.Count.EqualTo(digits.Count));
        Assert.That(scan.Rejections, Is.Empty);
        var layout = new FormatALayout(Layout);
        var byKey = scan.Used.ToDictionary(d => d.Key);
        for (var i = 0; i < digits.Count; i++)
        {
            var written = byKey[layout.StemFor(DatasetSplit.Test, i) + ".png"];
            Assert.That(written.Label, Is.EqualTo(digits[i].Label));
            Assert.That(written.Pixels, Is.EqualTo(digits[i].Pixels.ToArray()));
        }

        Assert.That(await KeysAsync(store, "_manifests/test/"), Is.EqualTo(new[]
        {
            "_manifests/test/plan-of-00003.json",
            "_manifests/test/shard-00000-of-00003.json",
            "_manifests/test/shard-00001-of-00003.json",
            "_manifests/test/shard-00002-of-00003.json",
        }), "the plan, written first, and one manifest per shard");
        Assert.That(await KeysAsync(store, "train/"), Is.Empty, "splits stay apart");
    }

    [Test]
    public async Task Explode_ShardRerunOrOtherShardCount_RewritesTheSameKeys()
    {
        using var temp = new TempFolder();
        var store = new FolderObjectStore(new FolderStoreLocation(temp.Path));
        await ExplodeTestSplitAsync(store, 4);
        var first = await KeysAsync(store, "test/");

        await ExplodeTestSplitAsync(store, 4);
        await ExplodeTestSplitAsync(store, 7);

        Assert.That(await KeysAsync(store, "test/"), Is.EqualTo(first));
        Assert.That(first, Has.Count.EqualTo((2 * RealSample.Test) + 1), "a .png and a .txt per digit, and the split's marker");
        Assert.That(first, Does.Contain("test/_format-a"));
    }

    [Test]
    public async Task Scan_EveryKindOfBadInput_IsCountedAndListedNeverDropped()
    {
        using var temp = new TempFolder();
        var store = new FolderObjectStore(new FolderStoreLocation(temp.Path));
        var good = PngCodec.EncodeGray(new byte[784], 28, 28);
        await store.PutAsync("test/a/good.png", good, CancellationToken.None);
        await store.PutAsync("test/a/good.txt", "3"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("test/a/orphan.png", good, CancellationToken.None);
        await store.PutAsync("test/b/orphan.txt", "3"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("test/b/label.png", good, CancellationToken.None);
        await store.PutAsync("test/b/label.txt", "33"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("test/c/broken.png", "garbage"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("test/c/broken.txt", "3"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("test/c/small.png", PngCodec.EncodeGray(new byte[100], 10, 10), CancellationToken.None);
        await store.PutAsync("test/c/small.txt", "3"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("test/c/readme.md", "hi"u8.ToArray(), CancellationToken.None);

        var scan = await FormatAReader.ScanAsync(store, DatasetSplit.Test, SilentToolLog.Instance, CancellationToken.None);

        Assert.That(scan.Used.Select(d => d.Key), Is.EqualTo(new[] { "test/a/good.png" }));
        Assert.That(scan.Inputs, Is.EqualTo(7));
        Assert.That(scan.Inputs, Is.EqualTo(scan.Used.Count + scan.Rejections.Count));
        Assert.That(scan.RejectionsByReason, Is.EqualTo(new Dictionary<RejectionReason, int>
        {
            [RejectionReason.OrphanPng] = 1,
            [RejectionReason.OrphanTxt] = 1,
            [RejectionReason.UnexpectedFile] = 1,
            [RejectionReason.BadLabel] = 1,
            [RejectionReason.UndecodablePng] = 1,
            [RejectionReason.WrongSize] = 1,
        }));
    }

    // The file left is the orphan, keyed and named as the pairing names it: a vanished .png left an "orphanTxt" keyed on the .png.
    [TestCase(true, false, "t/x.txt", nameof(RejectionReason.OrphanTxt), "its .png vanished after listing")]
    [TestCase(false, true, "t/x.png", nameof(RejectionReason.OrphanPng), "its .txt vanished after listing")]
    [TestCase(true, true, "t/x.png", nameof(RejectionReason.OrphanPng), "its .png and .txt vanished after listing")]
    public void Vanished_AfterListing_IsNamedAfterTheFileLeft(bool pngGone, bool txtGone, string key, string reason, string detail)
    {
        // The reason by name: a public test method cannot take the job's internal enum.
        var rejection = FormatAReader.Vanished(new DigitCandidate("t/x"), pngGone, txtGone);

        Assert.That(rejection, Is.EqualTo(new Rejection(key, Enum.Parse<RejectionReason>(reason), detail)));
    }

    [Test]
    public async Task Scan_HiddenEntries_AreSkippedAsSparksListingSkipsThem()
    {
        using var temp = new TempFolder();
        var store = new FolderObjectStore(new FolderStoreLocation(temp.Path));
        var good = PngCodec.EncodeGray(new byte[28 * 28], 28, 28);
        await store.PutAsync("test/a/good.png", good, CancellationToken.None);
        await store.PutAsync("test/a/good.txt", "7"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("test/_format-a", ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        await store.PutAsync("test/a/.DS_Store", "x"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("test/_tmp/half.png", good, CancellationToken.None);
        await store.PutAsync("test/a/_note.md", "x"u8.ToArray(), CancellationToken.None);

        var scan = await FormatAReader.ScanAsync(store, DatasetSplit.Test, SilentToolLog.Instance, CancellationToken.None);

        Assert.That(scan.Used.Select(d => d.Key), Is.EqualTo(new[] { "test/a/good.png" }));
        Assert.That(scan.Rejections, Is.Empty, "a hidden name is not an input: Spark never lists it");
        Assert.That(scan.Warnings, Is.Empty);
    }

    [Test]
    public async Task Explode_EmptySplit_LeavesTheTreeItsMarkerSoTheStepsFindAnEmptyTreeNotAMissingPath()
    {
        using var temp = new TempFolder();
        var source = Directory.CreateDirectory(temp.Sub("source")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(source, MnistFiles.TestImages), Idx.Gzip(Idx.Images(0)));
        await File.WriteAllBytesAsync(Path.Combine(source, MnistFiles.TestLabels), Idx.Gzip(Idx.Labels()));

        var run = await CliRun.RunAsync($"explode --source {source} --format-a {temp.Sub("fa")} --split test --shards 2");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(File.Exists(Path.Combine(temp.Sub("fa"), "test", "_format-a")), Is.True);
        var scan = await FormatAReader.ScanAsync(new FolderObjectStore(new FolderStoreLocation(temp.Sub("fa"))), DatasetSplit.Test, SilentToolLog.Instance, CancellationToken.None);
        Assert.That(scan.Inputs, Is.EqualTo(0));
        Assert.That(scan.Warnings.Single(), Does.StartWith("empty tree"));
    }

    [Test]
    public async Task Scan_EmptyTree_WarnsWithZeroInputs()
    {
        using var temp = new TempFolder();

        var scan = await FormatAReader.ScanAsync(new FolderObjectStore(new FolderStoreLocation(temp.Path)), DatasetSplit.Train, SilentToolLog.Instance, CancellationToken.None);

        Assert.That(scan.Inputs, Is.EqualTo(0));
        Assert.That(scan.Warnings.Single(), Does.StartWith("empty tree"));
    }
}
