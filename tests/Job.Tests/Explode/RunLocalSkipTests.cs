namespace MnistEmr.Job.Tests.Explode;

/// <summary>
/// run-local on a work folder it has already exploded into, from the same source: the second run keeps FORMAT A and
/// says so; with <c>--re-explode</c> a third explodes it again. Train and evaluate read the same tree every time.
/// </summary>
[TestFixture]
public class RunLocalSkipTests
{
    private TempFolder temp = null!;
    private CliRun first = null!;
    private CliRun second = null!;
    private CliRun third = null!;
    private string treeAfterFirst = null!;

    private string Work => temp.Sub("work");

    private string RunLocal(string runId) => $"run-local --source {RealSample.Source} --work {Work} --shards 2 --iterations 5 --run-id {runId}";

    [OneTimeSetUp]
    public async Task RunThrice()
    {
        temp = new TempFolder();
        first = await CliRun.RunAsync(RunLocal("first"));
        treeAfterFirst = FormatABytesTests.TreeDigest(Path.Combine(Work, "format-a"));
        second = await CliRun.RunAsync(RunLocal("second"));
        third = await CliRun.RunAsync(RunLocal("third") + " --re-explode");
    }

    [OneTimeTearDown]
    public void CleanUp() => temp.Dispose();

    [Test]
    public void RunLocal_SecondRunOnTheSameWorkAndSource_KeepsEveryShardAndSaysSo()
    {
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(first.Error, Does.Not.Contain(" up to date (source "));
        Assert.That(first.Error, Does.Match(@"exploded 800 digits in \d+\.\d s to \S+\n"), "nothing kept, so no word of it");
        Assert.That(second.Error.Split('\n').Where(l => l.EndsWith(": skipped", StringComparison.Ordinal)).Select(l => l[..l.IndexOf(" up to date", StringComparison.Ordinal)]),
            Is.EquivalentTo(new[] { "explode: train shard 0 of 2", "explode: train shard 1 of 2", "explode: test shard 0 of 2", "explode: test shard 1 of 2" }),
            "shards run side by side, in any order");
        Assert.That(second.Error, Does.Match(@"exploded 0 digits in \d+\.\d s to \S+; kept 4 of 4 shards as they were \(up to date\)"));
    }

    [Test]
    public void RunLocal_SecondRun_TrainsAndEvaluatesOnTheSameTree()
    {
        Assert.That(FormatABytesTests.TreeDigest(Path.Combine(Work, "format-a")), Is.EqualTo(treeAfterFirst));
        Assert.That(second.Value("train-used"), Is.EqualTo(RealSample.Train.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(second.Value("accuracy"), Is.EqualTo(first.Value("accuracy")));
        Assert.That(second.Error, Does.Contain($"train/: complete: all 2 shards of explode finished, {RealSample.Train} digits"));
    }

    [Test]
    public void RunLocal_ReExplode_ExplodesAgainThoughUpToDate()
    {
        Assert.That(third.ExitCode, Is.EqualTo(0), third.ToString());
        Assert.That(third.Error, Does.Not.Contain(" up to date (source "));
        Assert.That(third.Error, Does.Contain("explode: --re-explode: no shard is kept, up to date or not"));
        Assert.That(third.Error, Does.Match(@"exploded 800 digits in \d+\.\d s to \S+\n"));
    }
}
