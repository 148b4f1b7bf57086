namespace MnistEmr.Review.Tests;

/// <summary>
/// Updates, replaces and deletes, which an offline plan of new AWS resources cannot produce, on plan documents
/// written in Terraform's JSON output format; and the cost against the repository's price table.
/// </summary>
[TestFixture]
public class PlanAnalysisTests
{
    private static TerraformPlan Load(string name) =>
        TerraformPlan.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Plans", name)), name);

    private static IReadOnlyDictionary<string, PriceTable> Prices => PriceTables.Load(Repository.PathOf("review", "prices"));

    [Test]
    public void Changes_DataBucketReplaced_ListedFirstWithTheAttributeThatForcesIt()
    {
        var changes = ChangeSummary.Of(Load("replace-data-bucket.json"));
        var first = changes.Entries[0];
        Assert.That(first.Address, Is.EqualTo("aws_s3_bucket.s3_2_format_a_bucket"));
        Assert.That(first.Action, Is.EqualTo(ChangeAction.Replace));
        Assert.That(first.ForcedBy, Is.EqualTo(new[] { "bucket_prefix" }));
        Assert.That(first.Alarm, Does.Contain("S3|2 FORMAT A bucket will be replaced (forced by bucket_prefix): its objects are lost"));
        Assert.That(changes.Alarms.Select(a => a.Address), Is.EqualTo(new[] { "aws_s3_bucket.s3_2_format_a_bucket" }));
    }

    [Test]
    public void Changes_MixedPlan_CountsEachActionAndSkipsNoOps()
    {
        var changes = ChangeSummary.Of(Load("replace-data-bucket.json"));
        Assert.That(changes.Counts[ChangeAction.Update], Is.EqualTo(1));
        Assert.That(changes.Counts[ChangeAction.Replace], Is.EqualTo(1));
        Assert.That(changes.Counts[ChangeAction.Delete], Is.EqualTo(1));
        Assert.That(changes.Counts[ChangeAction.Create], Is.Zero);
        Assert.That(changes.Entries.Select(e => e.Address), Has.None.EqualTo("aws_s3_bucket_versioning.s3_4_model_versioning"));
        var update = changes.Entries.Single(e => e.Action == ChangeAction.Update);
        Assert.That(update.Part, Is.EqualTo(MnistEmr.Contract.PipelineNodes.Emr));
        Assert.That(update.Alarm, Is.Null, "an in-place update of the cluster loses nothing");
    }

    [Test]
    public void Changes_ClusterDeleted_IsAnAlarm()
    {
        var alarms = ChangeSummary.Of(Load("destroy.json")).Alarms.ToArray();
        Assert.That(alarms.Select(a => a.Address), Is.EquivalentTo(new[] { "aws_s3_bucket.s3_1_source_bucket", "aws_emr_cluster.emr_cluster" }));
        Assert.That(alarms.Single(a => a.Address == "aws_emr_cluster.emr_cluster").Alarm, Does.Contain("EMR cluster will be deleted"));
    }

    [Test]
    public void Destroy_BucketWithoutForceDestroy_WouldStopTheDestroy()
    {
        var plan = Load("destroy.json");
        Assert.That(plan.IsDestroy, Is.True);
        var destroy = DestroyReview.Of(plan);
        Assert.That(destroy.Removed, Has.Count.EqualTo(4));
        Assert.That(destroy.Blockers, Is.EqualTo(new[] { "aws_s3_bucket.s3_1_source_bucket" }), "the log bucket has force_destroy on");
    }

    [Test]
    public void Cost_PricedTypesWithSpotCore_EqualsTheHandComputation()
    {
        var cost = CostEstimate.Of(Load("cluster-sizes.json"), Prices, runHours: 1m);
        // Primary m5.2xlarge on demand: 0.384 + 0.096. Core 4 x r5.xlarge on spot at the 0.1 bid: 4 x (0.1 + 0.063).
        const decimal primary = 0.384m + 0.096m, core = 4 * (0.1m + 0.063m), perHour = primary + core;
        Assert.That(cost.Groups.Select(g => g.PerHour), Is.EqualTo(new decimal?[] { primary, core }));
        Assert.That(cost.PerHour, Is.EqualTo(perHour));
        Assert.That(cost.IdleHours, Is.EqualTo(1.5m));
        Assert.That(cost.WorstIdle, Is.EqualTo(perHour * 1.5m));
        Assert.That(cost.PerRun, Is.EqualTo(perHour * 2.5m));
        Assert.That(cost.Assumptions, Has.Some.Contains("spot"));
    }

    [Test]
    public void Cost_TransientCluster_PaysForTheStepsOnly()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Plans", "cluster-sizes.json"));
        var persistent = CostEstimate.Of(TerraformPlan.Parse(json, "persistent"), Prices, runHours: 1m);
        var transient = CostEstimate.Of(
            TerraformPlan.Parse(json.Replace("\"auto_termination_policy\"", "\"keep_job_flow_alive_when_no_steps\": false, \"auto_termination_policy\""), "transient"),
            Prices, runHours: 1m);

        const decimal perHour = 0.384m + 0.096m + (4 * (0.1m + 0.063m));
        Assert.That(persistent.Transient, Is.False);
        Assert.That(persistent.PerRun, Is.EqualTo(perHour * 2.5m), "1 h of steps and the 1.5 h idle timeout");
        Assert.That(transient.Transient, Is.True);
        Assert.That(transient.IdleHours, Is.Zero);
        Assert.That(transient.PerRun, Is.EqualTo(perHour * 1m), "the cluster ends after its last step");
        Assert.That(transient.WorstIdle, Is.Zero);
        Assert.That(transient.Assumptions, Has.Some.Contains("transient"));
    }

    [Test]
    public void Cost_InstanceTypeNotInTheTable_IsUnknownNotGuessed()
    {
        var cost = CostEstimate.Of(Load("unknown-instance.json"), Prices, runHours: 1m);
        Assert.That(cost.Groups.Single(g => g.Role == "primary").PerHour, Is.Null);
        Assert.That(cost.Groups.Single(g => g.Role == "core").PerHour, Is.EqualTo(2 * (0.192m + 0.048m)));
        Assert.That(cost.PerHour, Is.Null);
        Assert.That(cost.PerRun, Is.Null);
        Assert.That(Rendering.Money.Format(cost.PerHour, "USD"), Is.EqualTo("unknown"));
        Assert.That(Rendering.Money.Format(0m, "USD"), Is.EqualTo("$0.00"), "nothing is not a fraction of a cent");
        Assert.That(Rendering.Money.Format(0.0014m, "USD"), Is.EqualTo("$0.0014"));
    }

    [Test]
    public void Cost_RegionWithoutATable_IsUnknown()
    {
        var cost = CostEstimate.Of(Load("unknown-instance.json"), new Dictionary<string, PriceTable>(), runHours: 1m);
        Assert.That(cost.PerHour, Is.Null);
        Assert.That(cost.StoragePerMonth, Is.Null);
        Assert.That(cost.Assumptions[0], Does.Contain("no price table for region us-east-1"));
    }

    [Test]
    public void PriceTable_Shipped_NamesItsRegionDateAndSource()
    {
        var table = Prices["us-east-1"];
        Assert.That(table.AsOf, Does.Match(@"^\d{4}-\d{2}-\d{2}$"));
        Assert.That(table.Source, Does.Contain("AWS"));
        Assert.That(table.Instances["m5.xlarge"], Is.EqualTo(new InstancePrice(0.192m, 0.048m)));
    }

    [TestCase("{}", "no format_version")]
    [TestCase("[1,2]", "no format_version")]
    [TestCase("not json", "is not JSON")]
    public void Parse_NotAPlan_FailsNamingTheSource(string text, string message)
    {
        var error = Assert.Throws<ToolException>(() => TerraformPlan.Parse(text, "some/file.json"));
        Assert.That(error!.Message, Does.StartWith("some/file.json").And.Contain(message));
        Assert.That(error.ExitCode, Is.EqualTo(ExitCode.UsageError));
    }
}
