namespace MnistEmr.Review.Tests;

/// <summary>The step-time model and the run's cost on hand-computed cases.</summary>
[TestFixture]
public class StepTimeModelTests
{
    // Round numbers, so that every figure below can be worked out by hand.
    private static readonly StepTimeAssumptions Round = new()
    {
        ProvisioningSeconds = 600, ShutdownSeconds = 60, SparkStepOverheadSeconds = 30, JobProcessStartSeconds = 1,
        SmallRequestSeconds = 0.1, PutsPerSecondLimit = 100, GetsPerSecondLimit = 1000, ExplodeWritesInFlight = 10,
        DownloadBytesPerSecond = 10_000_000, ExplodeShareOfPlainWrite = 0.5, TrainSecondsPerDigit = 0.01,
        InferenceDigitsPerSecondPerCore = 100, CanaryWorkSeconds = 15, ReportWorkSeconds = 10, ScoreSummaryWorkSeconds = 5,
        FetchObjectsPerSecondPerProcess = 10, ExplodeUpToDateGetsPerShard = 3,
    };

    // 800 + 200 digits, two objects each.
    private static readonly DataVolume Small = new(800, 200, 2, 10_000_000);

    // The hand-computed run's seconds (Estimate_HandComputedCase_EachStepIsTheArithmeticOfItsRequestsAndWork).
    private const double RunSeconds = 600 + 45 + 75.92 + (30 + 1.2 + 1 + (1600 / 70.0) + 1 + 8) + 40.35 + 41 + 37.1 + 60;

    private static PlannedCluster DefaultCluster()
    {
        var sizing = new SparkSizing();
        return new PlannedCluster(sizing, ClusterPlan.For(sizing), false);
    }

    private static TerraformPlan Plan(string json, string name) => TerraformPlan.Parse(json, name);

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Plans", name));

    /// <summary>
    /// The cluster of the default-cluster plan (named <paramref name="plan"/>) with one planned spark-sql step,
    /// <paramref name="step"/>, whose transformation of <paramref name="column"/> runs the job's <c>rows</c>
    /// <paramref name="command"/>, after <paramref name="conf"/> as a <c>--conf</c> when given.
    /// </summary>
    private static (PlannedCluster? Cluster, string? Unknown) PlannedWithStep(
        string plan, string step, string column, string command, string? conf = null)
    {
        var confArgs = conf is null ? string.Empty : $"\"--conf\", \"{conf}\", ";
        var json = $$"""{ "name": "{{step}}", "hadoop_jar_step": [{ "args": ["spark-sql", {{confArgs}}"-e", "SELECT TRANSFORM ({{column}}) USING '/opt/mnist-emr-job/mnist-emr-job rows {{command}}' AS (x)"] }] }""";
        return PlannedCluster.Of(Plan(Fixture("default-cluster.json").Replace("\"step\": []", $"\"step\": [{json}]"), plan));
    }

    [Test]
    public void Estimated_EveryStepOfTheContract_HasItsOwnEstimate()
    {
        // A step added to the contract without an estimate here would make every review fail; this names it first.
        Assert.That(StepTimeModel.Estimated, Is.EquivalentTo(PipelineSteps.All));
    }

    [Test]
    public void Estimate_HandComputedCase_EachStepIsTheArithmeticOfItsRequestsAndWork()
    {
        var cluster = DefaultCluster();
        // Two m5.xlarge core nodes: 4 worker executors of 2 cores; trainer executors of 1 core, 4 on one node and 3
        // beside the application master.
        Assert.That(cluster.WorkerSlots, Is.EqualTo(8));
        Assert.That(cluster.TrainerSlots, Is.EqualTo(7));

        var run = StepTimeModel.Estimate(cluster, Small, Round);
        var steps = run.Steps.ToDictionary(s => s.Name, s => s.Seconds);

        Assert.That(run.Steps.Select(s => s.Name), Is.EqualTo(new[]
        {
            PipelineSteps.Canary.Name, PipelineSteps.Explode.Name, PipelineSteps.Train.Name, PipelineSteps.Evaluate.Name, PipelineSteps.Report.Name,
            PipelineSteps.Score.Name,
        }));
        // canary: 30 start-up + 15 checks.
        Assert.That(steps[PipelineSteps.Canary.Name], Is.EqualTo(45).Within(1e-9));
        // explode: 16 shards on 8 slots = 2 waves, each reading 10 MB at 10 MB/s after a 1 s process start: 4 s.
        // 2,000 objects + 16 shards x 2 splits x (plan, marker, manifest) = 2,096 PUTs; latency: 2 waves x (2,000 / 16 x
        // 0.1 s / 10) = 2.5 s; PUT rate: 2,096 / 100 = 20.96 s, the larger; at half a plain write's speed: 41.92 s.
        // 30 + 4 + 41.92.
        Assert.That(steps[PipelineSteps.Explode.Name], Is.EqualTo(75.92).Within(1e-9));
        // train: the listing task, 1 s start + 2 LIST pages (1,600 keys) x 0.1 s; 7 fetch tasks on the 7 trainer
        // executors, one wave: 1 s start + 1,600 objects / (7 x 10 a second) = 22.857 s (more than 1,600 / 1,000 GETs a
        // second); then the training task, 1 s start + 800 x 0.01 = 8 s.
        Assert.That(steps[PipelineSteps.Train.Name], Is.EqualTo(30 + 1.2 + 1 + (1600 / 70.0) + 1 + 8).Within(1e-9));
        // evaluate: listing 1 s + 1 page 0.1 s; 16 fetch-and-predict tasks on 8 slots = 2 waves of process starts = 2 s,
        // 400 objects / (8 x 10) = 5 s; predicting: 2 more starts + 200 digits / (100 x 8) = 0.25 s.
        Assert.That(steps[PipelineSteps.Evaluate.Name], Is.EqualTo(30 + 1.1 + 2 + 5 + 2 + 0.25).Within(1e-9));
        // report: 30 + 1 + 10.
        Assert.That(steps[PipelineSteps.Report.Name], Is.EqualTo(41).Within(1e-9));
        // score, empty inbox: 30 + the listing task (1 s start, one LIST page 0.1 s) + no fetch or score task + summary (1 s start + 5 s).
        Assert.That(steps[PipelineSteps.Score.Name], Is.EqualTo(30 + 1.1 + 6).Within(1e-9));

        var train = 30 + 1.2 + 1 + (1600 / 70.0) + 1 + 8;
        Assert.That(run.StepSeconds, Is.EqualTo(45 + 75.92 + train + 40.35 + 41 + 37.1).Within(1e-9));
        Assert.That(run.TotalSeconds, Is.EqualTo(600 + 45 + 75.92 + train + 40.35 + 41 + 37.1 + 60).Within(1e-9));
        Assert.That(run.Requests.Puts, Is.EqualTo(2096 + 3 + 1 + 2 + 4), "explode, the model, the evaluation rows, the report, the score step");
        Assert.That(run.Requests.Gets, Is.EqualTo((4 * 16) + 1600 + 400), "the raw files per explode task, then every FORMAT A object once");
        Assert.That(run.Requests.ListPages, Is.EqualTo(2 + 1 + 1), "one flat listing of each tree, the empty inbox's page included");
    }

    [Test]
    public void Estimate_ReRunOfAnUnchangedSource_ExplodeOnlyFindsItsShardsUpToDate()
    {
        var first = StepTimeModel.Estimate(DefaultCluster(), Small, Round);
        var again = StepTimeModel.Estimate(DefaultCluster(), Small, Round, sourceUnchanged: true);
        var explode = again.Steps.Single(s => s.Name == PipelineSteps.Explode.Name);

        // 16 shards on 8 slots = 2 waves of a 1 s process start and 3 GETs of 0.1 s; nothing written.
        Assert.That(explode.Seconds, Is.EqualTo(30 + (2 * (1 + 0.3))).Within(1e-9));
        Assert.That(explode.Requests, Is.EqualTo(new S3RequestCounts(48, 0, 0)));
        Assert.That(explode.Basis, Does.Contain("found up to date").And.Contain("nothing written"));
        Assert.That(again.Steps.Where(s => s != explode).Select(s => s.Seconds), Is.EqualTo(first.Steps.Where(s => s.Name != PipelineSteps.Explode.Name).Select(s => s.Seconds)));
        Assert.That(again.TotalSeconds, Is.EqualTo(first.TotalSeconds - 75.92 + 32.6).Within(1e-9));

        // With reExplode the stack's explode step rewrites every shard whatever S3|2 holds: a re-run costs a first run.
        var (reExploding, _) = PlannedWithStep(
            "re-explode", "mnist-explode", "shard", "explode --source s3://a/ --format-a s3://b/ --shards 16 --re-explode");
        Assert.That(reExploding!.Sizing.ReExplode, Is.True);
        Assert.That(StepTimeModel.Estimate(reExploding, Small, Round, sourceUnchanged: true).TotalSeconds, Is.EqualTo(first.TotalSeconds).Within(1e-9));
    }

    [Test]
    public void Estimate_ImagesInTheInbox_ScoreStepReadsAndScoresThemAsEvaluateDoes()
    {
        var run = StepTimeModel.Estimate(DefaultCluster(), Small with { InboxImages = 1600 }, Round);
        var score = run.Steps.Single(s => s.Name == PipelineSteps.Score.Name);

        // 30 + listing (1 s start + 2 LIST pages 0.2 s) + 16 fetch tasks on 8 slots (2 process starts + 1,600 / (8 x 10)
        // = 20 s, more than 1,600 / 1,000 = 1.6 s) + scoring (2 process starts + 1,600 / (100 x 8) = 2 s) + summary 6.
        Assert.That(score.Seconds, Is.EqualTo(30 + 1.2 + 2 + 20 + 2 + 2 + 6).Within(1e-9));
        Assert.That(score.Requests, Is.EqualTo(new S3RequestCounts(1600, 4, 2)));
        Assert.That(score.Basis, Does.Contain("1,600 GETs by 8 fetch processes on 8 slots").And.Contain("scoring 1,600 images on 8 cores"));
        Assert.That(StepTimeModel.Estimate(DefaultCluster(), Small, Round).Steps.Single(s => s.Name == PipelineSteps.Score.Name).Basis,
            Does.Contain("an empty inbox"));
    }

    [Test]
    public void Cost_TransientDefaultCluster_IsTheModelledHoursTimesThePrice()
    {
        // One primary and two core m5.xlarge at 0.192 EC2 + 0.048 EMR, no idle time.
        var plan = Plan(Fixture("default-cluster.json"), "default-cluster");
        var prices = PriceTables.Load(Repository.PathOf("review", "prices"));
        var cost = CostEstimate.Of(plan, prices, null, Small, Round);

        Assert.That(cost.Transient, Is.True);
        Assert.That(cost.RunHoursGiven, Is.False);
        Assert.That(cost.RunTime, Is.Not.Null);
        Assert.That((double)cost.RunHours!.Value, Is.EqualTo(RunSeconds / 3600).Within(1e-12));
        Assert.That(cost.PerHour, Is.EqualTo(3 * (0.192m + 0.048m)));
        Assert.That((double)cost.PerRun!.Value, Is.EqualTo(0.72 * RunSeconds / 3600).Within(1e-9), "0.72 $/h x RunSeconds s");
        Assert.That(cost.WorstIdle, Is.Zero);
        // S3 requests at us-east-1's prices: 2,106 PUTs + 4 LISTs at 0.005 per 1,000, 2,064 GETs at 0.0004 per 1,000.
        Assert.That(cost.RequestsPerRun, Is.EqualTo((2110 * 0.005m / 1000) + (2064 * 0.0004m / 1000)));
        Assert.That(cost.TotalPerRun, Is.EqualTo(cost.PerRun + cost.RequestsPerRun));
        Assert.That(cost.Assumptions, Has.Some.Contains("S3 requests: 2,110 PUT and LIST at 0.005 per 1,000 and 2,064 GET at 0.0004 per 1,000"));
        // The re-run: explode 43.32 s shorter, its 2,096 PUTs and 64 GETs replaced by 48 GETs.
        Assert.That(cost.ReRunTime!.TotalSeconds, Is.EqualTo(RunSeconds - 75.92 + 32.6).Within(1e-9));
        Assert.That((double)cost.TotalPerReRun!.Value,
            Is.EqualTo((0.72 * (RunSeconds - 43.32) / 3600) + (14 * 0.005 / 1000) + (2048 * 0.0004 / 1000)).Within(1e-12));
    }

    [Test]
    public void RequestCharges_PricesPutsAndListsAtThePutTierAndGetsAtTheGetTier()
    {
        var table = new PriceTable
        {
            Region = "test-1", Currency = "USD", AsOf = "today", Source = "hand", Instances = new Dictionary<string, InstancePrice>(),
            S3PutPer1000 = 0.01m, S3GetPer1000 = 0.001m,
        };

        Assert.That(CostEstimate.RequestCharges(new S3RequestCounts(Gets: 3000, Puts: 1500, ListPages: 500), table), Is.EqualTo(0.02m + 0.003m));
        Assert.That(CostEstimate.RequestCharges(new S3RequestCounts(3000, 1500, 500), table with { S3GetPer1000 = null }), Is.Null, "a missing tier is unknown, not free");
        Assert.That(CostEstimate.RequestCharges(null, table), Is.Null);
    }

    [Test]
    public void Cost_PersistentCluster_AddsTheIdleTimeoutToTheModelledHours()
    {
        var json = Fixture("default-cluster.json").Replace("\"keep_job_flow_alive_when_no_steps\": false", "\"keep_job_flow_alive_when_no_steps\": true");
        var cost = CostEstimate.Of(Plan(json, "persistent"), PriceTables.Load(Repository.PathOf("review", "prices")), null, Small, Round);

        Assert.That(cost.Transient, Is.False);
        Assert.That(cost.IdleHours, Is.EqualTo(1m), "the fixture's 3,600 s idle timeout");
        Assert.That((double)cost.PerRun!.Value, Is.EqualTo(0.72 * ((RunSeconds / 3600) + 1)).Within(1e-9));
    }

    [Test]
    public void Cost_SpotCore_PricesTheCoreAtItsBidAsAnUpperBound()
    {
        var json = Fixture("default-cluster.json").Replace("\"instance_count\": 2", "\"instance_count\": 2, \"bid_price\": \"0.1\"");
        var cost = CostEstimate.Of(Plan(json, "spot"), PriceTables.Load(Repository.PathOf("review", "prices")), null, Small, Round);

        // Primary on demand 0.192 + 0.048; two core nodes at the 0.1 bid + 0.048 EMR each.
        const decimal perHour = 0.24m + (2 * 0.148m);
        Assert.That(cost.PerHour, Is.EqualTo(perHour));
        Assert.That((double)cost.PerRun!.Value, Is.EqualTo((double)perHour * RunSeconds / 3600).Within(1e-9));
        Assert.That(cost.Assumptions, Has.Some.Contains("bid price 0.1/h, an upper bound"));
    }

    [Test]
    public void Cost_RunHoursGiven_ReplaceTheEstimateWhichIsStillShown()
    {
        var plan = Plan(Fixture("default-cluster.json"), "given");
        var cost = CostEstimate.Of(plan, PriceTables.Load(Repository.PathOf("review", "prices")), 2m, Small, Round);

        Assert.That(cost.RunHoursGiven, Is.True);
        Assert.That(cost.PerRun, Is.EqualTo(0.72m * 2));
        Assert.That(cost.RunTime!.TotalSeconds, Is.EqualTo(RunSeconds).Within(1e-9));
        Assert.That(cost.Assumptions, Has.Some.Contains("2 h as given (--run-hours; the step-time model estimates 16.1 min"));
    }

    [Test]
    public void Estimate_TaskCountsInThePlannedSteps_AreTheOnesModelled()
    {
        // The job's steps name their shards in the explode command and their partitions in every step's confs.
        var (cluster, unknown) = PlannedWithStep(
            "steps", "mnist-explode", "shard", "explode --source s3://a/ --shards 24", conf: "spark.sql.shuffle.partitions=4");

        Assert.That(unknown, Is.Null);
        Assert.That(cluster!.TaskCountsFromSteps, Is.True);
        Assert.That(cluster.Sizing.ExplodeShards, Is.EqualTo(24));
        Assert.That(cluster.Sizing.EvaluatePartitions, Is.EqualTo(4));
        var explode = StepTimeModel.Estimate(cluster, Small, Round).Steps.Single(s => s.Name == PipelineSteps.Explode.Name);
        // 24 shards on 8 slots = 3 waves x (1 s + 1 s) of reading; PUTs 2,000 + 24 x 6 = 2,144 at 100/s = 21.44 s, / 0.5.
        Assert.That(explode.Seconds, Is.EqualTo(30 + 6 + 42.88).Within(1e-9));
    }

    [Test]
    public void Estimate_SweepInThePlannedTrainStep_TrainsItsCandidatesAtOnceOnTheirShareOfThreads()
    {
        var (cluster, unknown) = PlannedWithStep(
            "sweep", "mnist-train", "candidate", "sweep-candidate --models s3://m/ --run-id r --threads 1 --sweep 4 --sweep-seed 1");

        Assert.That(unknown, Is.Null);
        Assert.That(cluster!.Sizing.SweepCandidates, Is.EqualTo(4));
        // Two m5.xlarge nodes hold 4 trainer executors a node: 4 vCPUs shared by up to 4 candidates, 1 thread each.
        Assert.That(cluster.Executors.SweepThreads, Is.EqualTo(1));
        var train = StepTimeModel.Estimate(cluster, Small, Round).Steps.Single(s => s.Name == PipelineSteps.Train.Name);
        // Reading as without a sweep (55.06 s); packing 1 s; candidates: 1 s start + 1 s for the pack, then the slowest
        // trains 720 fit digits x 0.01 s x 1.5 (its rounds) x 2 (1 thread against the 2 measured) = 21.6 s; the pick 1 s.
        Assert.That(train.Seconds, Is.EqualTo(30 + 1.2 + 1 + (1600 / 70.0) + 1 + 2 + 21.6 + 1).Within(1e-9));
        Assert.That(train.Requests.Gets, Is.EqualTo(1600 + 8 + 2), "the tree once, the pack and a result per candidate, the kept model and the data");
        Assert.That(train.Requests.Puts, Is.EqualTo(2 + 8 + 3), "the pack and its data, a model and a result per candidate, the model, card and pointer");
        Assert.That(train.Basis, Does.Contain("a sweep of 4 at once on 1 thread(s) each"));

        var single = StepTimeModel.Estimate(DefaultCluster(), Small, Round).Steps.Single(s => s.Name == PipelineSteps.Train.Name);
        Assert.That(train.Seconds, Is.GreaterThan(single.Seconds));
    }

    [Test]
    public void Estimate_CoreTypeTheJobDoesNotSize_LeavesDurationAndCostUnknown()
    {
        var json = Fixture("default-cluster.json").Replace("\"instance_type\": \"m5.xlarge\", \"instance_count\": 2", "\"instance_type\": \"x9.huge\", \"instance_count\": 2");
        var cost = CostEstimate.Of(Plan(json, "unsized"), PriceTables.Load(Repository.PathOf("review", "prices")));

        Assert.That(cost.RunTime, Is.Null);
        Assert.That(cost.RunHours, Is.Null);
        Assert.That(cost.PerRun, Is.Null);
        Assert.That(cost.Assumptions, Has.Some.Contains("cannot be estimated: core instance type x9.huge is not one the job sizes"));
    }

    [Test]
    public void Cost_DefaultStackWithTheReviewsAssumptions_FirstRunAndReRunWithinTheirBudgets()
    {
        // Not a hand computation: what the defaults give against the budgets the job is designed to (20 min and $1.05 a
        // first run; 17 min and $0.35 a re-run of an unchanged source), with us-east-1's prices.
        var cost = CostEstimate.Of(Plan(Fixture("default-cluster.json"), "default"), PriceTables.Load(Repository.PathOf("review", "prices")),
            null, DataVolume.Mnist, new StepTimeAssumptions());
        var run = cost.RunTime!;

        Assert.That(run.Requests.Gets, Is.EqualTo(140_000 + (4 * 16)), "every FORMAT A object once, and the raw files per explode task");
        Assert.That(run.Requests.Puts, Is.EqualTo(140_000 + 96 + 3 + 1 + 2 + 4));
        Assert.That(run.TotalSeconds / 60, Is.LessThanOrEqualTo(20));
        Assert.That(cost.TotalPerRun, Is.LessThanOrEqualTo(1.05m));
        Assert.That(cost.ReRunTime!.TotalSeconds / 60, Is.LessThanOrEqualTo(17));
        Assert.That(cost.TotalPerReRun, Is.LessThanOrEqualTo(0.35m));
        Assert.That(cost.ReRunTime.Requests.Puts, Is.EqualTo(3 + 1 + 2 + 4), "a re-run writes no FORMAT A object");
    }
}
