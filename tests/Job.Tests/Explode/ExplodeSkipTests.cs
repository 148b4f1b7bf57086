namespace MnistEmr.Job.Tests.Explode;

/// <summary>
/// Explode keeps a shard whose FORMAT A is up to date (same S3|1 SHA-256s, layout, seed and shard count) and writes
/// it when anything of that differs, when its manifest is missing, when its tree was emptied, when an older job wrote
/// it without a fingerprint, or when asked to with <c>--re-explode</c>.
/// </summary>
[TestFixture]
public class ExplodeSkipTests
{
    private const string DefaultLayout = "seed mnist-format-a, depth 1-4, fan-out 8";

    private TempFolder temp = null!;

    [SetUp]
    public void CreateFolder() => temp = new TempFolder();

    [TearDown]
    public void DeleteFolder() => temp.Dispose();

    /// <summary>The sample's files with the loader's manifest beside them, as S3|1 holds them after a deploy.</summary>
    private static string LoadedSource(string folder, IReadOnlyList<SampleFile>? files = null)
    {
        files ??= RealSample.Files.Files;
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            File.WriteAllBytes(Path.Combine(folder, file.Name), file.Content);
        }

        var manifest = new DatasetManifest("mnist-sample", DateTimeOffset.UnixEpoch, files
            .Select(f => new ManifestEntry(f.Name, f.Content.Length, Convert.ToHexStringLower(SHA256.HashData(f.Content)), null)).ToList());
        File.WriteAllBytes(Path.Combine(folder, DatasetDefinitionValidator.ManifestName), ManifestSerializer.Serialize(manifest));
        return folder;
    }

    /// <summary>The digest explode logs for <paramref name="split"/> of <paramref name="files"/>.</summary>
    private static string DigestOf(DatasetSplit split, IReadOnlyList<SampleFile>? files = null) =>
        ExplodeSource.Of(split, (files ?? RealSample.Files.Files).ToDictionary(f => f.Name, f => ((long)f.Content.Length, Convert.ToHexStringLower(SHA256.HashData(f.Content)))))!.Digest;

    /// <summary>Every file under <paramref name="root"/>, by key, with its bytes.</summary>
    private static SortedDictionary<string, byte[]> Snapshot(string root) =>
        new(Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);

    private static IEnumerable<string> Skipped(CliRun run) => run.Error.Split('\n').Where(l => l.EndsWith(": skipped", StringComparison.Ordinal));

    private static Task<CliRun> ExplodeAsync(string source, string formatA, string options = "--shards 4") =>
        CliRun.RunAsync($"explode --source {source} --format-a {formatA} {options}");

    [Test]
    public async Task Explode_SameSourceLayoutAndShards_SkipsEveryShardAndLeavesTheTreeByteForByte()
    {
        var source = LoadedSource(temp.Sub("source"));
        var formatA = temp.Sub("fa");
        var first = await ExplodeAsync(source, formatA);
        var before = Snapshot(formatA);

        var second = await ExplodeAsync(source, formatA);

        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        Assert.That(Skipped(first), Is.Empty);
        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(Skipped(second), Is.EqualTo(
            Enumerable.Range(0, 4).Select(i => $"explode: train shard {i} of 4 up to date (source {DigestOf(DatasetSplit.Train)}, layout {DefaultLayout}): skipped")
                .Concat(Enumerable.Range(0, 4).Select(i => $"explode: test shard {i} of 4 up to date (source {DigestOf(DatasetSplit.Test)}, layout {DefaultLayout}): skipped"))));
        Assert.That(second.Error, Does.Match(@"explode: wrote 0 train and 0 test digits \(4 shards per split\) to .* in \d+\.\d s; kept 8 of 8 shards as they were \(up to date\)"));
        Assert.That(second.OutLines, Is.EqualTo(first.OutLines), "the same manifest URIs");
        var after = Snapshot(formatA);
        Assert.That(after.Keys, Is.EqualTo(before.Keys), "nothing added or removed, the records included");
        Assert.That(after.Where(kv => !kv.Value.SequenceEqual(before[kv.Key])).Select(kv => kv.Key), Is.Empty, "every byte as before");
        Assert.That(FormatABytesTests.TreeDigest(formatA), Is.EqualTo(FormatABytesTests.SampleTreeDigest));
    }

    [Test]
    public async Task Explode_SourceWithoutTheLoadersManifest_FingerprintsTheFilesAndSkipsToo()
    {
        var formatA = temp.Sub("fa");
        await ExplodeAsync(RealSample.Source, formatA);

        var second = await ExplodeAsync(RealSample.Source, formatA);

        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(Skipped(second).Count(), Is.EqualTo(8));
        Assert.That(Skipped(second).First(), Does.Contain($"(source {DigestOf(DatasetSplit.Train)},"), "the same fingerprint the manifest gives");
    }

    [Test]
    public async Task Explode_TreeMadeWithTheManifestThenSourceWithout_IsStillUpToDate()
    {
        var formatA = temp.Sub("fa");
        await ExplodeAsync(LoadedSource(temp.Sub("source")), formatA);

        var second = await ExplodeAsync(RealSample.Source, formatA);

        Assert.That(Skipped(second).Count(), Is.EqualTo(8), second.ToString());
    }

    [Test]
    public async Task Explode_SourceOfANewRelease_ExplodesEveryShardAgainAndRecordsIt()
    {
        // The same digits in other gzip bytes, with the loader's manifest of those: another SHA-256, so another source.
        var release = RealSample.Files.Files.Select(f => f with { Content = Recompressed(f.Content) }).ToList();
        Assert.That(release.Select(f => f.Content), Is.Not.EqualTo(RealSample.Files.Files.Select(f => f.Content)), "the bytes differ");
        var formatA = temp.Sub("fa");
        await ExplodeAsync(LoadedSource(temp.Sub("source")), formatA);

        var second = await ExplodeAsync(LoadedSource(temp.Sub("release"), release), formatA);

        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(Skipped(second), Is.Empty);
        Assert.That(second.Error, Does.Contain(
            $"explode: train: written from another source ({DigestOf(DatasetSplit.Train)}, now {DigestOf(DatasetSplit.Train, release)}) under {formatA}/_manifests/train/: no shard of it is kept"));
        Assert.That(second.Error, Does.Contain($"explode: wrote {RealSample.Train} train and {RealSample.Test} test digits"));
        var manifest = JobJson.Deserialize<ShardManifest>(File.ReadAllBytes(Path.Combine(formatA, "_manifests", "test", "shard-00003-of-00004.json")), "manifest");
        Assert.That(manifest.Source!.Digest, Is.EqualTo(DigestOf(DatasetSplit.Test, release)));
        Assert.That(FormatABytesTests.TreeDigest(formatA), Is.EqualTo(FormatABytesTests.SampleTreeDigest), "the same digits, the same tree");
    }

    [TestCase("--shards 4 --seed other")]
    [TestCase("--shards 4 --fan-out 4")]
    [TestCase("--shards 4 --min-depth 2")]
    [TestCase("--shards 2")]
    public async Task Explode_AnotherLayoutSeedOrShardCount_ExplodesEveryShardAgain(string options)
    {
        var source = LoadedSource(temp.Sub("source"));
        var formatA = temp.Sub("fa");
        await ExplodeAsync(source, formatA);

        var second = await ExplodeAsync(source, formatA, options);

        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(Skipped(second), Is.Empty);
        Assert.That(second.Error, Does.Contain($"explode: wrote {RealSample.Train} train and {RealSample.Test} test digits"));
        Assert.That(second.Error, Does.Contain(options == "--shards 2" ? "explode: train: no plan of 2 shards under" : "explode: train: written with another layout"));
    }

    [Test]
    public async Task Explode_ShardManifestMissing_WritesThatShardOnlyAndKeepsTheOthersByteForByte()
    {
        var source = LoadedSource(temp.Sub("source"));
        var formatA = temp.Sub("fa");
        await ExplodeAsync(source, formatA);
        var lost = Path.Combine(formatA, "_manifests", "train", "shard-00002-of-00004.json");
        File.Delete(lost);
        var before = Snapshot(formatA);

        var second = await ExplodeAsync(source, formatA);

        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(Skipped(second).Count(), Is.EqualTo(7));
        Assert.That(Skipped(second), Has.None.Contains("train shard 2 of 4"));
        Assert.That(second.Error, Does.Contain("explode: train shard 2 of 4 not finished (no manifest): writing it"));
        Assert.That(second.Error, Does.Contain($"explode: wrote {RealSample.Train / 4} train and 0 test digits").And.Contain("kept 7 of 8 shards"));
        Assert.That(File.Exists(lost), Is.True);
        var after = Snapshot(formatA);
        Assert.That(after.Keys, Is.EqualTo(before.Keys.Append("_manifests/train/shard-00002-of-00004.json").Order(StringComparer.Ordinal)));
        Assert.That(before.Where(kv => !kv.Value.SequenceEqual(after[kv.Key])).Select(kv => kv.Key), Is.Empty,
            "the kept shards' manifests and every digit unchanged (the plan is rewritten with the same bytes)");
    }

    [Test]
    public async Task Explode_SplitTreeEmptiedButItsManifestsLeft_WritesThatSplitAgain()
    {
        var source = LoadedSource(temp.Sub("source"));
        var formatA = temp.Sub("fa");
        await ExplodeAsync(source, formatA);
        Directory.Delete(Path.Combine(formatA, "train"), recursive: true);

        var second = await ExplodeAsync(source, formatA);

        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(Skipped(second).Count(), Is.EqualTo(4));
        Assert.That(Skipped(second), Has.All.StartWith("explode: test shard"));
        Assert.That(second.Error, Does.Match("explode: train shard 0 of 4 has its manifest but not train/.*\\.txt: writing it"));
        Assert.That(FormatABytesTests.TreeDigest(formatA), Is.EqualTo(FormatABytesTests.SampleTreeDigest));
    }

    [Test]
    public async Task Explode_ReExplode_WritesEveryShardThoughUpToDate()
    {
        var source = LoadedSource(temp.Sub("source"));
        var formatA = temp.Sub("fa");
        await ExplodeAsync(source, formatA);

        var second = await ExplodeAsync(source, formatA, "--shards 4 --re-explode");

        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(Skipped(second), Is.Empty);
        Assert.That(second.Error, Does.Contain("explode: --re-explode: no shard is kept, up to date or not"));
        Assert.That(second.Error, Does.Contain($"explode: wrote {RealSample.Train} train and {RealSample.Test} test digits").And.Not.Contain("shards as they were"), "nothing kept");
        Assert.That(FormatABytesTests.TreeDigest(formatA), Is.EqualTo(FormatABytesTests.SampleTreeDigest));
    }

    [Test]
    public async Task Explode_TreeOfAnOlderJobWithoutFingerprint_ExplodesEveryShardAgain()
    {
        var formatA = temp.Sub("fa");
        var store = new FolderObjectStore(new FolderStoreLocation(formatA));
        var stage = new ExplodeStage(store, new FormatALayout(new FormatALayoutSettings(LayoutOptions.DefaultSeed)), SilentToolLog.Instance, TimeProvider.System);
        foreach (var split in new[] { DatasetSplit.Train, DatasetSplit.Test })
        {
            var digits = await RealSample.ReadSplitAsync(split);
            await stage.RunShardsAsync(digits, split, ShardRange.All(4, digits.Count), CancellationToken.None);
        }

        var run = await ExplodeAsync(LoadedSource(temp.Sub("source")), formatA);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(Skipped(run), Is.Empty);
        Assert.That(run.Error, Does.Contain("explode: train: written by an older job, which recorded no source fingerprint under"));
        Assert.That(run.Error, Does.Contain($"explode: wrote {RealSample.Train} train and {RealSample.Test} test digits"));
    }

    [Test]
    public async Task ShardTask_UpToDateShard_CostsOneSourceGetAndPerSplitTwoGetsAndAHeadAndWritesNothing()
    {
        var source = new CountingStore(new FolderObjectStore(new FolderStoreLocation(LoadedSource(temp.Sub("source")))));
        var formatA = new CountingStore(new FolderObjectStore(new FolderStoreLocation(temp.Sub("fa"))));
        var layout = new FormatALayout(new FormatALayoutSettings(LayoutOptions.DefaultSeed));
        var written = await new ExplodeShardTask(source, formatA, layout, SilentToolLog.Instance, TimeProvider.System).RunAsync(1, 4, CancellationToken.None);
        source.Reset();
        formatA.Reset();

        // A new task, as Spark starts a new process for the step of the next run.
        var kept = await new ExplodeShardTask(source, formatA, layout, SilentToolLog.Instance, TimeProvider.System).RunAsync(1, 4, CancellationToken.None);

        Assert.That(written.Select(r => (r.Split, r.Digits, r.Kept)), Is.EqualTo(new[] { (DatasetSplit.Train, 150, false), (DatasetSplit.Test, 50, false) }));
        Assert.That(kept.Select(r => (r.Split, r.Digits, r.Kept)), Is.EqualTo(new[] { (DatasetSplit.Train, 0, true), (DatasetSplit.Test, 0, true) }));
        Assert.That(kept.Select(r => r.ManifestUri), Is.EqualTo(written.Select(r => r.ManifestUri)));
        Assert.That(source.Requests, Is.EqualTo(new[] { $"GET {DatasetDefinitionValidator.ManifestName}" }), "the loader's manifest, no IDX file");
        Assert.That(formatA.Requests.Where(r => !r.StartsWith("HEAD ", StringComparison.Ordinal)).Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "GET _manifests/test/plan-of-00004.json", "GET _manifests/test/shard-00001-of-00004.json",
            "GET _manifests/train/plan-of-00004.json", "GET _manifests/train/shard-00001-of-00004.json",
        }));
        Assert.That(formatA.Count("HEAD"), Is.EqualTo(2), "one label file a split");
        Assert.That(formatA.Count("PUT") + formatA.Count("LIST") + formatA.Count("DELETE"), Is.EqualTo(0));
    }

    [Test]
    public async Task ShardTask_UpToDateShardWithoutTheLoadersManifest_ReadsTheFourFilesAndWritesNothing()
    {
        var source = new CountingStore(new FolderObjectStore(new FolderStoreLocation(RealSample.Source)));
        var formatA = new CountingStore(new FolderObjectStore(new FolderStoreLocation(temp.Sub("fa"))));
        var layout = new FormatALayout(new FormatALayoutSettings(LayoutOptions.DefaultSeed));
        await new ExplodeShardTask(source, formatA, layout, SilentToolLog.Instance, TimeProvider.System).RunAsync(0, 4, CancellationToken.None);
        source.Reset();
        formatA.Reset();

        var kept = await new ExplodeShardTask(source, formatA, layout, SilentToolLog.Instance, TimeProvider.System).RunAsync(0, 4, CancellationToken.None);

        Assert.That(kept.Select(r => r.Kept), Is.EqualTo(new[] { true, true }));
        Assert.That(source.Requests.Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            $"GET {DatasetDefinitionValidator.ManifestName}", $"GET {MnistFiles.TestImages}", $"GET {MnistFiles.TestLabels}",
            $"GET {MnistFiles.TrainImages}", $"GET {MnistFiles.TrainLabels}",
        }));
        Assert.That((formatA.Count("GET"), formatA.Count("HEAD"), formatA.Count("PUT"), formatA.Count("LIST")), Is.EqualTo((4, 2, 0, 0)));
    }

    [Test]
    public async Task ShardTask_ReExplode_NeverLooksAndWritesTheShard()
    {
        var source = LoadedSource(temp.Sub("source"));
        var formatA = new CountingStore(new FolderObjectStore(new FolderStoreLocation(temp.Sub("fa"))));
        var layout = new FormatALayout(new FormatALayoutSettings(LayoutOptions.DefaultSeed));
        var sourceStore = new FolderObjectStore(new FolderStoreLocation(source));
        await new ExplodeShardTask(sourceStore, formatA, layout, SilentToolLog.Instance, TimeProvider.System).RunAsync(2, 4, CancellationToken.None);
        formatA.Reset();

        var again = await new ExplodeShardTask(sourceStore, formatA, layout, SilentToolLog.Instance, TimeProvider.System) { ReExplode = true }
            .RunAsync(2, 4, CancellationToken.None);

        Assert.That(again.Select(r => (r.Digits, r.Kept)), Is.EqualTo(new[] { (150, false), (50, false) }));
        Assert.That((formatA.Count("GET"), formatA.Count("HEAD")), Is.EqualTo((0, 0)), "no look at what is there");
        Assert.That(formatA.Count("PUT"), Is.EqualTo((2 * 200) + (2 * 3)), "every digit's two files, and per split the plan, the marker and the manifest");
    }

    [Test]
    public async Task RowsExplode_UpToDateShard_RowsSayNoDigitWritten()
    {
        var source = LoadedSource(temp.Sub("source"));
        var formatA = temp.Sub("fa");
        var first = await RowsExplodeAsync(source, formatA, string.Empty);

        var second = await RowsExplodeAsync(source, formatA, string.Empty);
        var fresh = await RowsExplodeAsync(source, formatA, "--re-explode");

        Assert.That(first.Out, Is.EqualTo(Rows(150, 50, formatA)), first.ToString());
        Assert.That(second.Out, Is.EqualTo(Rows(0, 0, formatA)), second.ToString());
        Assert.That(second.Error, Does.Contain("explode: train shard 1 of 4 up to date (source"));
        Assert.That(fresh.Out, Is.EqualTo(Rows(150, 50, formatA)), fresh.ToString());
    }

    private static string Rows(int train, int test, string formatA) =>
        $"1\ttrain\t{train}\t{formatA}/_manifests/train/shard-00001-of-00004.json\n1\ttest\t{test}\t{formatA}/_manifests/test/shard-00001-of-00004.json\n";

    // `rows explode` in-process, given shard 1 on stdin as Spark's TRANSFORM gives it.
    private static async Task<CliRun> RowsExplodeAsync(string source, string formatA, string options)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new ToolEnvironment { In = new StringReader("1\n"), Out = output, Error = error, Interactive = false };
        var args = System.CommandLine.Parsing.CommandLineParser.SplitCommandLine(
            $"rows explode --source {source} --format-a {formatA} --shards 4 {options}").ToList();
        var code = await JobCli.RunAsync(args, environment);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private static byte[] Recompressed(byte[] gzip)
    {
        using var raw = new MemoryStream();
        using (var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress))
        {
            input.CopyTo(raw);
        }

        using var output = new MemoryStream();
        using (var again = new GZipStream(output, CompressionLevel.NoCompression))
        {
            again.Write(raw.ToArray());
        }

        return output.ToArray();
    }
}
