namespace MnistEmr.Job.Tests.Explode;

[TestFixture]
public class ExplodeCoverageTests
{
    private static readonly FormatALayoutSettings Layout = new("s");

    // Shard i of n over `total` digits, its keys named after the indexes.
    private static ShardManifest Shard(int shard, int shards, int total, DateTimeOffset? at = null)
    {
        var range = ShardRange.Of(shard, shards, total);
        var keys = Enumerable.Range(range.Start, range.Count).Select(i => $"train/d{i}.png").ToList();
        return new ShardManifest(DatasetSplit.Train, shard, shards, range.Start, range.End, Layout, new int[10], keys, at ?? DateTimeOffset.UnixEpoch);
    }

    private static HashSet<string> Stems(int from, int to) => Enumerable.Range(from, to - from).Select(i => $"train/d{i}").ToHashSet();

    private static ExplodePlan Plan(int shards, int total) => new(DatasetSplit.Train, shards, total, Layout);

    [Test]
    public void Of_NoPlanNoManifest_IsNullAsThereIsNothingToCompare()
    {
        Assert.That(ExplodeCoverage.Of(DatasetSplit.Train, [], [], Stems(0, 5)), Is.Null);
    }

    [Test]
    public void Of_EveryShardAndDigit_IsComplete()
    {
        var coverage = ExplodeCoverage.Of(DatasetSplit.Train, [Plan(3, 10)], [Shard(0, 3, 10), Shard(1, 3, 10), Shard(2, 3, 10)], Stems(0, 10))!;

        Assert.That(coverage.Complete, Is.True);
        Assert.That(coverage.Digits, Is.EqualTo(10));
    }

    [Test]
    public void Of_PlanButNoShardFinished_NamesEveryShard()
    {
        var coverage = ExplodeCoverage.Of(DatasetSplit.Train, [Plan(8, 8000)], [], Stems(0, 447))!;

        Assert.That(coverage.Complete, Is.False);
        Assert.That(coverage.Describe(), Is.EqualTo(
            "train/ is incomplete: explode finished 0 of its 8 shards (no manifest under _manifests/train/ for shards 0-7); 447 of its 8,000 digits are here"));
    }

    [Test]
    public void Of_DigitGoneAfterItsShardFinished_IsIncompleteNamingIt()
    {
        var found = Stems(0, 10);
        found.Remove("train/d4");

        var coverage = ExplodeCoverage.Of(DatasetSplit.Train, [Plan(2, 10)], [Shard(0, 2, 10), Shard(1, 2, 10)], found)!;

        Assert.That(coverage.MissingShards, Is.Empty);
        Assert.That(coverage.MissingDigits, Is.EqualTo(new[] { "train/d4.png" }));
        Assert.That(coverage.Describe(), Is.EqualTo("train/ is incomplete: 1 digit its manifests list is missing a file, e.g. train/d4.png; 9 of its 10 digits are here"));
    }

    [Test]
    public void Of_CompleteExplodeThenAnotherCutShort_IsCompleteAsTheSameKeysWereRewritten()
    {
        var later = DateTimeOffset.UnixEpoch.AddHours(1);
        var coverage = ExplodeCoverage.Of(
            DatasetSplit.Train,
            [Plan(2, 10), Plan(5, 10)],
            [Shard(0, 2, 10), Shard(1, 2, 10), Shard(0, 5, 10, later)],
            Stems(0, 10))!;

        Assert.That(coverage.Complete, Is.True);
        Assert.That(coverage.ShardCount, Is.EqualTo(2));
    }

    [Test]
    public void Of_DigitsNoManifestLists_AreForeignAndTheTreeIsNotComplete()
    {
        // A complete explode over digits 0-9, and three more digits left by an explode with another seed.
        var found = Stems(0, 10);
        found.UnionWith(["train/other1", "train/other2", "train/other3"]);

        var coverage = ExplodeCoverage.Of(DatasetSplit.Train, [Plan(2, 10)], [Shard(0, 2, 10), Shard(1, 2, 10)], found)!;

        Assert.That(coverage.ForeignDigits, Is.EqualTo(3));
        Assert.That(coverage.Complete, Is.False);
        Assert.That(coverage.Describe(), Is.EqualTo(
            "train/ is not one explode's: 3 digits are here that its manifests do not list (left by an explode with another seed or layout, "
            + "so some digits would count twice: empty train/ and explode again); 13 of its 10 digits are here"));
    }

    [Test]
    public void Of_ShardsStillMissing_DoesNotCountForeignDigits()
    {
        // The unfinished shards' digits are not listed yet: they are not foreign.
        var coverage = ExplodeCoverage.Of(DatasetSplit.Train, [Plan(2, 10)], [Shard(0, 2, 10)], Stems(0, 8))!;

        Assert.That(coverage.ForeignDigits, Is.Zero);
        Assert.That(coverage.MissingShards, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void Of_NoPlanAndLastShardMissing_SaysHowManyAreHereWithoutATotal()
    {
        var coverage = ExplodeCoverage.Of(DatasetSplit.Train, [], [Shard(0, 4, 100), Shard(2, 4, 100)], Stems(0, 50))!;

        Assert.That(coverage.Digits, Is.Null, "older trees have no plan, and the last shard would give the total");
        Assert.That(coverage.MissingShards, Is.EqualTo(new[] { 1, 3 }));
        Assert.That(coverage.Describe(), Is.EqualTo(
            "train/ is incomplete: explode finished 2 of its 4 shards (no manifest under _manifests/train/ for shards 1, 3); "
            + "25 digits its manifests list are missing a file, e.g. train/d50.png; 50 digits are here"));
    }

    [TestCase(new[] { 3 }, "3")]
    [TestCase(new[] { 0, 2, 3, 4, 7 }, "0, 2-4, 7")]
    [TestCase(new[] { 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 23 }, "0, 2, 4, 6, 8, 10, 12, 14, 16, 18 and 3 more")]
    public void Ranges_ShardNumbers_AreShortRuns(int[] shards, string text)
    {
        Assert.That(ExplodeCoverage.Ranges(shards), Is.EqualTo(text));
    }
}
