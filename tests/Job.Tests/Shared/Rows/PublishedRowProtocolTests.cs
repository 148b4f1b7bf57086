namespace MnistEmr.Job.Tests.Shared.Rows;

/// <summary>The row protocol of the REAL published binary, fed exactly as Spark's script transformation feeds it.</summary>
[TestFixture]
[Category("Published")]
public class PublishedRowProtocolTests : PublishedFixture
{
    [Test]
    public void Package_RootHoldsExecutableJob_AsTheBootstrapActionExpects()
    {
        Assert.That(File.Exists(PublishedJob.Binary), Is.True);
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(PublishedJob.Binary) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
        }

        Assert.That(File.Exists(Path.Combine(PublishedJob.Folder, "lib_lightgbm.so")), Is.True, "native LightGBM beside the single file");
        Assert.That(Directory.GetFiles(PublishedJob.Folder, "*.pdb"), Is.Empty);
        Assert.That(PublishedJob.Sha256, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(PublishedJob.Package)))));
        var bootstrap = File.ReadAllText(RepositoryFiles.Find(Path.Combine("emr-job", "bootstrap", "install-job.sh"))!);
        Assert.That(bootstrap, Does.Contain("/opt/mnist-emr-job"));
        Assert.That(PipelineSteps.JobBinary, Is.EqualTo("/opt/mnist-emr-job/mnist-emr-job"));
    }

    [Test]
    public async Task RowsExplode_ShardRows_WritesFormatAAndOneRowPerSplit()
    {
        var formatA = Temp.Sub("explode-a");

        var run = await PublishedJob.RunAsync(["rows", "explode", "--source", RealSample.Source, "--format-a", formatA, "--shards", "4"], "1\n3\n");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Rows.Select(r => $"{r[0]} {r[1]} {r[2]}"), Is.EqualTo(new[] { "1 train 150", "1 test 50", "3 train 150", "3 test 50" }));
        Assert.That(run.Rows[0][3], Is.EqualTo(Path.Combine(formatA, "_manifests", "train", "shard-00001-of-00004.json")));
        Assert.That(File.Exists(run.Rows[0][3]), Is.True);
        Assert.That(Directory.GetFiles(Path.Combine(formatA, "train"), "*.png", SearchOption.AllDirectories), Has.Length.EqualTo(300));
        Assert.That(run.Error, Does.Contain("2 shard row(s) in, 4 row(s) out"), "logs go to stderr");
    }

    [Test]
    public async Task RowsExplode_RetriedShardThatFinished_IsKeptWithTheSameKeysAndBytes()
    {
        var formatA = Temp.Sub("explode-retry");
        string[] args = ["rows", "explode", "--source", RealSample.Source, "--format-a", formatA, "--shards", "4"];
        var first = await PublishedJob.RunAsync(args, "2\n");
        var before = Snapshot(formatA);

        var retry = await PublishedJob.RunAsync(args, "2\n");

        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        Assert.That(retry.ExitCode, Is.EqualTo(0), retry.ToString());
        // The first attempt finished the shard, so the retry keeps it: the same manifests, no digit written.
        Assert.That(retry.Rows.Select(r => (r[0], r[1], r[2], r[3])), Is.EqualTo(first.Rows.Select(r => (r[0], r[1], "0", r[3]))));
        Assert.That(retry.Error, Does.Contain("explode: train shard 2 of 4 up to date (source "));
        var after = Snapshot(formatA);
        Assert.That(after.Keys, Is.EqualTo(before.Keys), "same keys, nothing added");
        Assert.That(after, Is.EqualTo(before), "same bytes, the manifests included");
        Assert.That(after.Count(kv => kv.Key.EndsWith(".png", StringComparison.Ordinal)), Is.EqualTo(200));
    }

    [Test]
    public async Task RowsPredict_EmptyInput_ExitsZeroWithNoRowsAndNoModelDownload()
    {
        var run = await PublishedJob.RunAsync(
            ["rows", "predict", "--format-a", Temp.Sub("none"), "--models", Temp.Sub("no-models"), "--run-id", "r1"], string.Empty);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public async Task RowsTrain_EmptyTreeMarkerRowOnly_FailsWithIntegrityExit()
    {
        var run = await FailsIntegrityAsync(
            ["rows", "train", "--format-a", Temp.Sub("empty-a"), "--models", Temp.Sub("empty-models"), "--run-id", "r1"], "\\N\t\\N\t\\N\n",
            "no usable training digits");

        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public async Task RowsTrain_MalformedRow_ClearStderrAndNonZeroExit()
    {
        var path = Convert.ToBase64String(Encoding.UTF8.GetBytes(Temp.Sub("a") + "/train/x"));
        var run = await FailsIntegrityAsync(
            ["rows", "train", "--format-a", Temp.Sub("a"), "--models", Temp.Sub("m"), "--run-id", "r1"],
            $"{path}\tiVBORw0KGgo=\tNw==\nonly-two\tfields\n",
            "error: rows train: row 2 has 2 tab-separated field(s), expected 3");

        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public async Task RowsPredict_BadBase64_ClearStderrAndNonZeroExit()
    {
        await FailsIntegrityAsync(
            ["rows", "predict", "--format-a", Temp.Sub("a"), "--models", Temp.Sub("m"), "--run-id", "r1"], "%%%\t\\N\t\\N\n",
            "row 1: column path is not base64");
    }

    [Test]
    public async Task RowsExplode_ShardOutOfRange_IsUsageError()
    {
        var run = await PublishedJob.RunAsync(["rows", "explode", "--source", RealSample.Source, "--format-a", Temp.Sub("x"), "--shards", "2"], "5\n");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.UsageError), run.ToString());
        Assert.That(run.Error, Does.Contain("shard 5 is not in 0..1"));
    }

    /// <summary>Runs the published binary on <paramref name="stdin"/>: it must exit with the integrity failure and say
    /// <paramref name="error"/>.</summary>
    private static async Task<ProcessRun> FailsIntegrityAsync(string[] args, string stdin, string error)
    {
        var run = await PublishedJob.RunAsync(args, stdin);

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.IntegrityFailure), run.ToString());
        Assert.That(run.Error, Does.Contain(error));
        return run;
    }

    private static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(folder, f).Replace('\\', '/'),
            f => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);
}
