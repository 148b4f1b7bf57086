namespace MnistEmr.Job.Tests.Explode;

[TestFixture]
public class ShardRangeTests
{
    [TestCase(10, 3)]
    [TestCase(8000, 8)]
    [TestCase(5, 7)]
    public void All_AnyCount_CoversEveryIndexExactlyOnce(int total, int shards)
    {
        var indexes = ShardRange.All(shards, total).SelectMany(r => Enumerable.Range(r.Start, r.Count)).ToList();

        Assert.That(indexes, Is.EqualTo(Enumerable.Range(0, total)));
    }

    [TestCase(-1, 4)]
    [TestCase(4, 4)]
    [TestCase(0, 0)]
    public void Of_ShardOutsideRange_IsUsageError(int shard, int shards)
    {
        var ex = Assert.Throws<ToolException>(() => ShardRange.Of(shard, shards, 100));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.UsageError));
    }
}
