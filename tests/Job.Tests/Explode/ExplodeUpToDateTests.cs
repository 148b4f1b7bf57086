namespace MnistEmr.Job.Tests.Explode;

[TestFixture]
public class ExplodeUpToDateTests
{
    private static readonly FormatALayoutSettings Layout = new("s");

    private static readonly ExplodeSource Source = new(ExplodeSource.CurrentVersion,
    [
        new SourceFileDigest(MnistFiles.TrainImages, 100, new string('a', 64)),
        new SourceFileDigest(MnistFiles.TrainLabels, 20, new string('b', 64)),
    ]);

    private static ExplodePlan Plan(int shards = 4, int total = 10, ExplodeSource? source = null, FormatALayoutSettings? layout = null) =>
        new(DatasetSplit.Train, shards, total, layout ?? Layout, source ?? Source);

    private static ShardManifest Shard(int shard, int shards = 4, int total = 10, ExplodeSource? source = null, FormatALayoutSettings? layout = null)
    {
        var range = ShardRange.Of(shard, shards, total);
        var keys = Enumerable.Range(range.Start, range.Count).Select(i => $"train/d{i}.png").ToList();
        return new ShardManifest(DatasetSplit.Train, shard, shards, range.Start, range.End, layout ?? Layout, new int[10], keys, DateTimeOffset.UnixEpoch, source ?? Source);
    }

    private static ExplodeSource WithTrainImagesSha(char c) =>
        Source with { Files = [Source.Files[0] with { Sha256 = new string(c, 64) }, Source.Files[1]] };

    [Test]
    public void PlanAndShard_SameSourceLayoutAndCount_AreUpToDate()
    {
        Assert.That(ExplodeUpToDate.PlanProblem(Plan(), 4, Layout, Source), Is.Null);
        Assert.That(ExplodeUpToDate.ShardProblem(Plan(), Shard(2), 2, Layout, Source), Is.Null);
    }

    [Test]
    public void PlanProblem_NoPlanOfThatCount_SaysSo()
    {
        Assert.That(ExplodeUpToDate.PlanProblem(null, 16, Layout, Source), Is.EqualTo("no plan of 16 shards"));
    }

    [Test]
    public void PlanProblem_PlanOfAnOlderJobWithoutFingerprint_IsNotUpToDate()
    {
        var older = new ExplodePlan(DatasetSplit.Train, 4, 10, Layout);

        Assert.That(ExplodeUpToDate.PlanProblem(older, 4, Layout, Source), Is.EqualTo("written by an older job, which recorded no source fingerprint"));
    }

    [Test]
    public void PlanProblem_AnotherSource_NamesBothFingerprints()
    {
        var other = WithTrainImagesSha('c');

        Assert.That(ExplodeUpToDate.PlanProblem(Plan(source: other), 4, Layout, Source),
            Is.EqualTo($"written from another source ({other.Digest}, now {Source.Digest})"));
    }

    [Test]
    public void PlanProblem_AnotherExplodeVersion_IsNotUpToDate()
    {
        var older = Source with { Version = ExplodeSource.CurrentVersion + 1 };

        Assert.That(ExplodeUpToDate.PlanProblem(Plan(source: older), 4, Layout, Source), Does.StartWith("written from another source"));
    }

    [TestCase("other", 1, 4, 8)]
    [TestCase("s", 2, 4, 8)]
    [TestCase("s", 1, 3, 8)]
    [TestCase("s", 1, 4, 4)]
    public void PlanProblem_AnotherSeedDepthOrFanOut_IsNotUpToDate(string seed, int minDepth, int maxDepth, int fanOut)
    {
        var other = new FormatALayoutSettings(seed, minDepth, maxDepth, fanOut);

        Assert.That(ExplodeUpToDate.PlanProblem(Plan(layout: other), 4, Layout, Source), Does.StartWith("written with another layout (seed "));
        Assert.That(ExplodeUpToDate.ShardProblem(Plan(), Shard(0, layout: other), 0, Layout, Source), Is.EqualTo("its manifest is another explode's"));
    }

    [Test]
    public void PlanProblem_PlanOfAnotherShardCount_IsNotUpToDate()
    {
        Assert.That(ExplodeUpToDate.PlanProblem(Plan(shards: 8), 4, Layout, Source), Is.EqualTo("its plan is unreadable or of another shard count"));
    }

    [Test]
    public void ShardProblem_NoManifest_IsNotFinished()
    {
        Assert.That(ExplodeUpToDate.ShardProblem(Plan(), null, 1, Layout, Source), Is.EqualTo("not finished (no manifest)"));
    }

    [Test]
    public void ShardProblem_ManifestOfAnotherSourceOrNone_IsAnotherExplodes()
    {
        var olderManifest = Shard(1) with { Source = null };

        Assert.That(ExplodeUpToDate.ShardProblem(Plan(), Shard(1, source: WithTrainImagesSha('d')), 1, Layout, Source), Is.EqualTo("its manifest is another explode's"));
        Assert.That(ExplodeUpToDate.ShardProblem(Plan(), olderManifest, 1, Layout, Source), Is.EqualTo("its manifest is another explode's"));
    }

    [Test]
    public void ShardProblem_ManifestOfAnotherSliceOrShard_IsAnotherExplodes()
    {
        // Shard 1 of 4 over 12 digits is 3-5, not the 2-4 the plan's 10 digits give it.
        Assert.That(ExplodeUpToDate.ShardProblem(Plan(), Shard(1, total: 12), 1, Layout, Source), Is.EqualTo("its manifest is another explode's"));
        Assert.That(ExplodeUpToDate.ShardProblem(Plan(), Shard(2), 1, Layout, Source), Is.EqualTo("its manifest is another explode's"));
        Assert.That(ExplodeUpToDate.ShardProblem(Plan(), Shard(1) with { PngKeys = ["train/d2.png"] }, 1, Layout, Source), Is.EqualTo("its manifest is another explode's"));
    }

    [Test]
    public void ExplodeSource_EqualFilesInNewLists_AreEqualAndShareTheDigest()
    {
        var copy = new ExplodeSource(Source.Version, Source.Files.Select(f => f with { }).ToList());

        Assert.That(copy, Is.EqualTo(Source));
        Assert.That(copy.Digest, Is.EqualTo(Source.Digest).And.Length.EqualTo(12));
        Assert.That(WithTrainImagesSha('e'), Is.Not.EqualTo(Source));
        Assert.That(WithTrainImagesSha('e').Digest, Is.Not.EqualTo(Source.Digest));
    }

    [Test]
    public void ExplodeSource_Of_TakesTheSplitsTwoFilesOrNothing()
    {
        var files = new Dictionary<string, (long, string)>
        {
            [MnistFiles.TestImages] = (5, "x"),
            [MnistFiles.TestLabels] = (6, "y"),
            [MnistFiles.TrainImages] = (7, "z"),
        };

        Assert.That(ExplodeSource.Of(DatasetSplit.Test, files)!.Files, Is.EqualTo(new[]
        {
            new SourceFileDigest(MnistFiles.TestImages, 5, "x"), new SourceFileDigest(MnistFiles.TestLabels, 6, "y"),
        }));
        Assert.That(ExplodeSource.Of(DatasetSplit.Train, files), Is.Null, "no labels file");
    }

    [Test]
    public void PlanAndManifest_RoundTripTheFingerprint_AndAnOlderDocumentReadsWithout()
    {
        var plan = JobJson.Deserialize<ExplodePlan>(JobJson.Serialize(Plan()), "plan");
        var manifest = JobJson.Deserialize<ShardManifest>(JobJson.Serialize(Shard(0)), "manifest");
        var older = JobJson.Deserialize<ExplodePlan>(Encoding.UTF8.GetBytes(
            """{"split":"train","shardCount":4,"digits":10,"layout":{"seed":"s","minDepth":1,"maxDepth":4,"fanOut":8}}"""), "older plan");

        Assert.That(plan.Source, Is.EqualTo(Source));
        Assert.That(manifest.Source, Is.EqualTo(Source));
        Assert.That(older.Source, Is.Null);
        Assert.That(ExplodeUpToDate.PlanProblem(older, 4, Layout, Source), Does.StartWith("written by an older job"));
    }
}
