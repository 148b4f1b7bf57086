namespace MnistEmr.Review.Tests;

/// <summary>
/// Each sizing setting of the stack moves the review's run estimate, on the real offline plan. An offline plan knows
/// the steps' arguments only after apply (they name buckets AWS names then), so the review read no step settings
/// and estimated every stack with the job's defaults; it now reads them from the configuration the plan carries.
/// </summary>
[TestFixture]
[Category("Terraform")]
public class StepSettingsTests
{
    private static readonly Lazy<JsonNode> Default = new(() => Review(new PipelineConfig()));

    [SetUp]
    public void RequireTerraform() => TestStacks.RequireTerraform();

    [TestCase("explodeShards=1", "runTime", "mnist-explode", "1 explode shards")]
    [TestCase("evaluatePartitions=2", "runTime", "mnist-evaluate", "2 evaluate partitions")]
    [TestCase("trainingSweep=4", "runTime", "mnist-train", "a sweep of 4 candidates")]
    [TestCase("reExplode=true", "reRunTime", "mnist-explode", "16 explode shards")]
    [TestCase("coreInstanceCount=4", "runTime", "mnist-explode", "4 × m5.xlarge core nodes")]
    [TestCase("coreInstanceType=m5.2xlarge", "runTime", "mnist-explode", "2 × m5.2xlarge core nodes")]
    public void Estimate_SizingSettingChanged_MovesItsStepAndSaysWhereItWasRead(string setting, string run, string step, string sizing)
    {
        var review = Review(With(new PipelineConfig(), setting));

        Assert.That(Minutes(review, run, step), Is.Not.EqualTo(Minutes(Default.Value, run, step)), $"{step} with {setting}");
        var clusterSentence = Assumptions(review).Single(a => a.Contains("core nodes", StringComparison.Ordinal));
        Assert.That(clusterSentence, Does.Contain(sizing));
        Assert.That(clusterSentence, Does.Contain("(from the steps' configuration: the plan knows their arguments only after apply)"));
    }

    [Test]
    public void Estimate_DefaultStack_ReadsTheDefaultsFromTheStepsNotFromTheJobsDefaults()
    {
        var clusterSentence = Assumptions(Default.Value).Single(a => a.Contains("core nodes", StringComparison.Ordinal));
        Assert.That(clusterSentence, Does.Contain("16 explode shards and 16 evaluate partitions (from the steps' configuration"));
        Assert.That(clusterSentence, Does.Not.Contain("sweep"));
    }

    private static PipelineConfig With(PipelineConfig config, string setting) => setting.Split('=') switch
    {
        ["explodeShards", var n] => config with { ExplodeShards = int.Parse(n) },
        ["evaluatePartitions", var n] => config with { EvaluatePartitions = int.Parse(n) },
        ["trainingSweep", var n] => config with { TrainingSweep = int.Parse(n) },
        ["reExplode", var b] => config with { ReExplode = bool.Parse(b) },
        ["coreInstanceCount", var n] => config with { CoreInstanceCount = int.Parse(n) },
        ["coreInstanceType", var t] => config with { CoreInstanceType = t },
        _ => throw new ArgumentException($"no such setting in this test: {setting}"),
    };

    // The stack with a job package (without one it has no steps), planned offline and reviewed through the command line
    // with the gate, which every sizing passes.
    private static JsonNode Review(PipelineConfig config)
    {
        var (run, review, _) = TestReviews.Gated(config with { JobArtifactPath = TestStacks.JobPackage() });
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        return review;
    }

    private static double Minutes(JsonNode review, string run, string step) =>
        (double)review["cost"]![run]!["steps"]!.AsArray().Single(s => (string)s!["name"]! == step)!["minutes"]!;

    private static string[] Assumptions(JsonNode review) => review["cost"]!["assumptions"]!.AsArray().Select(a => (string)a!).ToArray();
}
