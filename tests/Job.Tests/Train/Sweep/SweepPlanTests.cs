namespace MnistEmr.Job.Tests.Train.Sweep;

[TestFixture]
public class SweepPlanTests
{
    private static readonly TrainerSettings Base = new();

    [Test]
    public void Candidates_FirstIsTheBase_OthersDistinctGridPoints()
    {
        var plan = SweepPlan.Candidates(Base, new SweepSettings(8, 7));

        Assert.That(plan.Select(c => c.Index), Is.EqualTo(Enumerable.Range(0, 8)));
        Assert.That(plan[0].Settings, Is.EqualTo(Base));
        Assert.That(plan.Select(c => c.Settings).Distinct().Count(), Is.EqualTo(8), "no configuration twice");
        foreach (var c in plan.Skip(1))
        {
            Assert.That(SweepPlan.LearningRates, Does.Contain(c.Settings.LearningRate));
            Assert.That(SweepPlan.Leaves, Does.Contain(c.Settings.Leaves));
            Assert.That(SweepPlan.Iterations, Does.Contain(c.Settings.Iterations));
            Assert.That(SweepPlan.MinExamplesPerLeaf, Does.Contain(c.Settings.MinExamplesPerLeaf));
            Assert.That(SweepPlan.FeatureFractions, Does.Contain(c.Settings.FeatureFraction));
            Assert.That(c.Settings with { LearningRate = Base.LearningRate, Leaves = Base.Leaves, Iterations = Base.Iterations, MinExamplesPerLeaf = Base.MinExamplesPerLeaf, FeatureFraction = Base.FeatureFraction },
                Is.EqualTo(Base), "only the five swept hyperparameters vary");
        }
    }

    [Test]
    public void Candidates_SameSeed_SameList_OtherSeed_OtherList()
    {
        var once = SweepPlan.Candidates(Base, new SweepSettings(6, 3));
        var again = SweepPlan.Candidates(Base, new SweepSettings(6, 3));
        var other = SweepPlan.Candidates(Base, new SweepSettings(6, 4));

        Assert.That(again, Is.EqualTo(once));
        Assert.That(other.Skip(1), Is.Not.EqualTo(once.Skip(1)));
    }

    [Test]
    public void Candidates_Off_IsTheBaseAlone()
    {
        Assert.That(SweepPlan.Candidates(Base, SweepSettings.Off), Is.EqualTo(new[] { new SweepCandidate(0, Base) }));
    }

    [TestCase(1)]
    [TestCase(-1)]
    [TestCase(SweepSettings.MaxCandidates + 1)]
    public void Candidates_OutsideTheBounds_AreRefused(int candidates)
    {
        Assert.That(SweepSettings.CandidatesProblem(candidates), Does.Contain("must be 0 (no sweep) or from 2"));
        Assert.Throws<ArgumentException>(() => SweepPlan.Candidates(Base, new SweepSettings(candidates)));
    }

    [Test]
    public void Split_HoldsOutAboutATenth_ByKey_WhateverTheOrder()
    {
        var digits = Enumerable.Range(0, 10_000).Select(i => new LabeledDigit($"train/a{i:x}/b{i * 7919 % 10007:x}.png", i % 10, new byte[784], [])).ToList();

        var (fit, validation) = ValidationSplit.Split(digits, 1);
        var (_, reversed) = ValidationSplit.Split(digits.AsEnumerable().Reverse().ToList(), 1);
        var (_, otherSeed) = ValidationSplit.Split(digits, 2);

        Assert.That(fit.Count + validation.Count, Is.EqualTo(digits.Count));
        Assert.That(validation.Count, Is.InRange(900, 1100), "about a tenth");
        Assert.That(fit.Select(d => d.Key).Intersect(validation.Select(d => d.Key)), Is.Empty);
        Assert.That(reversed.Select(d => d.Key).Order(), Is.EqualTo(validation.Select(d => d.Key).Order()), "the order of arrival does not matter");
        Assert.That(otherSeed.Select(d => d.Key), Is.Not.EquivalentTo(validation.Select(d => d.Key)), "the seed chooses the split");
    }

    [Test]
    public void Best_LowestLogLoss_ThenAccuracy_ThenSmallerModel_ThenIndex()
    {
        CandidateResult R(int index, double loss, double accuracy, long bytes) =>
            new(index, Base, 90, 10, loss, accuracy, 1, 0.99, 1, $"k{index}", bytes, "sha");

        Assert.That(SweepChoice.Best([R(0, 0.30, 0.9, 10), R(1, 0.20, 0.8, 99), R(2, 0.25, 0.95, 1)]).Index, Is.EqualTo(1));
        Assert.That(SweepChoice.Best([R(0, 0.20, 0.90, 10), R(1, 0.20, 0.91, 99)]).Index, Is.EqualTo(1), "tie: higher accuracy");
        Assert.That(SweepChoice.Best([R(0, 0.20, 0.90, 10), R(1, 0.20, 0.90, 9)]).Index, Is.EqualTo(1), "tie: smaller model");
        Assert.That(SweepChoice.Best([R(3, 0.20, 0.90, 9), R(1, 0.20, 0.90, 9)]).Index, Is.EqualTo(1), "tie: lower index, whatever the order");
    }

    [Test]
    public void Pack_RoundTrips_AndRefusesDamage()
    {
        var digits = Enumerable.Range(0, 50).Select(i => new LabeledDigit($"train/x/{i}.png", i % 10, Enumerable.Range(0, 784).Select(p => (byte)(p * i)).ToArray(), [1, 2])).ToList();

        var pack = TrainingPack.Write(digits);
        var read = TrainingPack.Read(pack, "pack");

        Assert.That(read.Select(d => (d.Key, d.Label, d.Pixels)), Is.EqualTo(digits.Select(d => (d.Key, d.Label, d.Pixels))));
        var cut = TrainingPack.Write(digits)[..(pack.Length / 2)];
        Assert.That(Assert.Throws<ToolException>(() => TrainingPack.Read(cut, "cut pack"))!.ExitCode, Is.EqualTo(ExitCode.IntegrityFailure));
        var other = TrainingPack.Write([]);
        Assert.That(TrainingPack.Read(other, "empty"), Is.Empty);
        Assert.That(Assert.Throws<ToolException>(() => TrainingPack.Read([1, 2, 3], "junk"))!.Message, Does.Contain("junk"));
    }

    [TestCase(4, 8000, 2, 8L << 30, 2, 1)]
    [TestCase(4, 8000, 8, 8L << 30, 4, 2)]
    [TestCase(2, 8000, 8, 8L << 30, 2, 4)]
    [TestCase(8, 60_000, 8, 1L << 30, 1, 8)]
    public void Parallelism_BoundedByCoresCandidatesAndMemory(int candidates, int digits, int cores, long available, int parallel, int threads)
    {
        Assert.That(SweepParallelism.For(candidates, digits, cores, available), Is.EqualTo(new SweepParallelism(parallel, threads)));
    }
}
