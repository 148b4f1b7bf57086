namespace MnistEmr.Job.Tests.Status;

/// <summary>The status judged from evidence alone: no store, no I/O.</summary>
[TestFixture]
public class RunStatusTests
{
    private static readonly FormatALayoutSettings Layout = new("s");

    private static readonly RunLocations Locations = new(
        null, "r/_runs/x/canary/", "f/_manifests/", "f/_runs/x/explode/", "m/runs/x/model.zip", "m/runs/x/model-card.json",
        "m/_runs/x/train/", "r/_runs/x/evaluation/", "r/runs/x/report.json", "r/runs/x/report.html", "r/predictions/x/summary.json");

    // Shard i of n over `total` digits, every digit labelled (index mod 10).
    private static ShardManifest Shard(DatasetSplit split, int shard, int shards, int total)
    {
        var range = ShardRange.Of(shard, shards, total);
        var labels = new int[10];
        for (var i = range.Start; i < range.End; i++)
        {
            labels[i % 10]++;
        }

        var keys = Enumerable.Range(range.Start, range.Count).Select(i => $"{MnistFiles.NameOf(split)}/d{i}.png").ToList();
        return new ShardManifest(split, shard, shards, range.Start, range.End, Layout, labels, keys, DateTimeOffset.UnixEpoch);
    }

    private static ExplodeProgress Progress(DatasetSplit split, int shards, int total, params int[] finished) =>
        ExplodeProgress.Of(split, [new ExplodePlan(split, shards, total, Layout)], finished.Select(s => Shard(split, s, shards, total)).ToList())!;

    private static ModelCard Card() => new(
        "x", new DateTimeOffset(2026, 11, 30, 1, 2, 0, TimeSpan.Zero), "trainer", new TrainerSettings(), "features", 10,
        new TrainingDataSummary("train/", 60, 58, 2, new int[10], "hash"), [], 12.4, 0.987, "runs/x/model.zip", "sha", new Dictionary<string, string>());

    private static EvaluationReport Report()
    {
        var confusion = new ConfusionMatrix();
        for (var d = 0; d < 10; d++)
        {
            confusion.Add(d, d);
        }

        confusion.Add(4, 9);
        return new EvaluationReport("x", DateTimeOffset.UnixEpoch, "m/runs/x/model.zip", "f/test/",
            new ReportCounts(12, 11, 1, 10, 1, new Dictionary<RejectionReason, int> { [RejectionReason.BadLabel] = 1 }),
            ClassificationMetrics.From(confusion, 0.1), new ReportTimings(0.1, 0.2, 0.3, 55), [], [], [], Card());
    }

    private static RunEvidence Complete() => new("x")
    {
        TrainExplode = Progress(DatasetSplit.Train, 4, 60, 0, 1, 2, 3),
        TestExplode = Progress(DatasetSplit.Test, 2, 20, 0, 1),
        Card = Card(),
        ModelZip = true,
        Report = Report(),
        ReportHtml = true,
    };

    private static StepStatus Step(RunStatus status, string name) => status.Steps.Single(s => s.Step == name);

    [Test]
    public void Judged_EveryStepOfTheContract_HasItsReading()
    {
        Assert.That(RunStatus.Judged, Is.EquivalentTo(PipelineSteps.All));
    }

    [Test]
    public void From_EveryStepsResults_IsCompleteWithHeadlinesFromTheDocuments()
    {
        var report = Report();
        var status = RunStatus.From(Complete(), Locations, [], null);

        Assert.That(status.Complete, Is.True);
        Assert.That(status.Missing, Is.Empty);
        Assert.That(status.Steps.Select(s => s.Step), Is.EqualTo(new[] { "mnist-canary", "mnist-explode", "mnist-train", "mnist-evaluate", "mnist-report", "mnist-score" }));
        Assert.That(Step(status, "mnist-explode").Headline, Is.EqualTo("train 4/4 shards, 60 of 60 digits; test 2/2 shards, 20 of 20 digits"));
        Assert.That(Step(status, "mnist-explode").Details[0], Is.EqualTo("train per digit 0-9: 6 6 6 6 6 6 6 6 6 6"));
        Assert.That(Step(status, "mnist-train").Headline, Does.StartWith("58 digits trained on (2 rejected), training accuracy 98.70"));
        Assert.That(Step(status, "mnist-report").Headline, Does.Contain(report.Metrics.MacroF1.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(Step(status, "mnist-report").Uri, Is.EqualTo(Locations.ReportHtml));
        Assert.That(Step(status, "mnist-canary").State, Is.EqualTo(StepState.NotPresent), "run-local has no canary: not counted against the run");
        Assert.That(Step(status, "mnist-score").Headline, Is.EqualTo("scoring: not present"));
    }

    [Test]
    public void From_SweptModel_TrainDetailsNameTheSweepAndTheCandidateKept()
    {
        CandidateResult C(int index, double loss) => new(index, new TrainerSettings(), 54, 6, loss, 0.9, 1, 0.99, 1, $"k{index}", 10, "sha");
        var evidence = Complete() with { Card = Card() with { Sweep = SweepSummary.Of(1, [C(0, 0.31), C(1, 0.2), C(2, 0.25)]) } };

        var train = Step(RunStatus.From(evidence, Locations, [], null), "mnist-train");

        Assert.That(train.Details, Does.Contain("sweep of 3: kept candidate 1, validation log-loss 0.2000 (base 0.3100)"));
        Assert.That(Step(RunStatus.From(Complete(), Locations, [], null), "mnist-train").Details, Has.None.Contains("sweep"));
    }

    [Test]
    public void From_RunWhoseExplodeKeptEveryShard_ExplodeRowSaysTheTreeWasKept()
    {
        var status = RunStatus.From(Complete() with { ExplodeRows = 6, ExplodeKeptRows = 6 }, Locations, [], null);

        var explode = Step(status, "mnist-explode");
        Assert.That(explode.State, Is.EqualTo(StepState.Done));
        Assert.That(explode.Headline, Is.EqualTo(
            "train 4/4 shards, 60 of 60 digits; test 2/2 shards, 20 of 20 digits; the run kept the tree (every shard up to date, nothing written)"));
        Assert.That(explode.Details, Does.Contain("the run's explode step committed 6 shard rows (f/_runs/x/explode/): 6 kept as they were (up to date, 0 digits written)"));
    }

    [Test]
    public void From_RunWhoseExplodeKeptSomeShards_ExplodeRowSaysHowMany()
    {
        var status = RunStatus.From(Complete() with { ExplodeRows = 6, ExplodeKeptRows = 2 }, Locations, [], null);

        Assert.That(Step(status, "mnist-explode").Headline, Does.EndWith("; the run kept 2 of 6 shard rows (up to date) and wrote the others"));
    }

    [Test]
    public void From_RunWhoseExplodeWroteEveryShard_SaysNothingKept()
    {
        var status = RunStatus.From(Complete() with { ExplodeRows = 6, ExplodeKeptRows = 0 }, Locations, [], null);

        var explode = Step(status, "mnist-explode");
        Assert.That(explode.Headline, Does.Not.Contain("kept"));
        Assert.That(explode.Details, Does.Contain("the run's explode step committed 6 shard rows (f/_runs/x/explode/)"));
    }

    [Test]
    public void From_ShardsWithAndWithoutFingerprint_DetailsSayWhatEachSplitWasExplodedFrom()
    {
        var source = new ExplodeSource(ExplodeSource.CurrentVersion, [new SourceFileDigest("a.gz", 1, "aa"), new SourceFileDigest("b.gz", 2, "bb")]);
        var train = ExplodeProgress.Of(
            DatasetSplit.Train,
            [new ExplodePlan(DatasetSplit.Train, 2, 20, Layout, source)],
            [Shard(DatasetSplit.Train, 0, 2, 20) with { Source = source }, Shard(DatasetSplit.Train, 1, 2, 20) with { Source = source }])!;

        var details = Step(RunStatus.From(Complete() with { TrainExplode = train }, Locations, [], null), "mnist-explode").Details;

        Assert.That(details, Does.Contain($"train exploded from S3|1 source {source.Digest}, layout seed s, depth 1-4, fan-out 8"));
        Assert.That(details, Does.Contain("test written by an older job, with no source fingerprint: the next explode writes it again"));
    }

    [Test]
    public void From_ExplodeDoneNoModel_IsIncompleteNamingTrainEvaluateAndReport()
    {
        var status = RunStatus.From(Complete() with { Card = null, ModelZip = false, Report = null, ReportHtml = false }, Locations, [], null);

        Assert.That(status.Complete, Is.False);
        Assert.That(Step(status, "mnist-explode").State, Is.EqualTo(StepState.Done));
        Assert.That(status.Missing.Select(m => m[..m.IndexOf(':')]), Is.EqualTo(new[] { "mnist-train", "mnist-evaluate", "mnist-report" }));
        Assert.That(status.Missing[0], Does.Contain(Locations.ModelCard));
    }

    [Test]
    public void From_ExplodeCutShort_IsPartialNamingTheShards()
    {
        var status = RunStatus.From(Complete() with { TestExplode = Progress(DatasetSplit.Test, 8, 80, 0, 1, 5) }, Locations, [], null);

        var explode = Step(status, "mnist-explode");
        Assert.That(explode.State, Is.EqualTo(StepState.Partial));
        Assert.That(explode.Headline, Does.Contain("test 3/8 shards, 30 of 80 digits"));
        Assert.That(explode.Missing, Is.EqualTo("test: shards 2-4, 6-7 not finished (5 of 8)"));
        Assert.That(status.Complete, Is.False);
    }

    [Test]
    public void From_OneShardMissing_NamesThatShardNotACount()
    {
        var status = RunStatus.From(Complete() with { TestExplode = Progress(DatasetSplit.Test, 8, 80, 0, 1, 2, 4, 5, 6, 7) }, Locations, [], null);

        // "shards 3 of 8 not finished" read as three of the eight.
        Assert.That(Step(status, "mnist-explode").Missing, Is.EqualTo("test: shard 3 not finished (1 of 8)"));
    }

    [Test]
    public void From_UnreadableCardAndReport_TableMarksThoseStepsAndShowsTheRest()
    {
        var status = RunStatus.From(
            Complete() with { Card = null, CardUnreadable = "x/model-card.json is not a valid document: bad", Report = null, ReportUnreadable = "x/report.json is empty" },
            Locations,
            [],
            null);

        Assert.That(Step(status, "mnist-train").State, Is.EqualTo(StepState.Failed));
        Assert.That(Step(status, "mnist-train").Headline, Is.EqualTo("unreadable: x/model-card.json is not a valid document: bad"));
        Assert.That(Step(status, "mnist-report").State, Is.EqualTo(StepState.Failed));
        Assert.That(Step(status, "mnist-explode").State, Is.EqualTo(StepState.Done), "the other steps still shown");
        Assert.That(status.Complete, Is.False);
        Assert.That(status.Missing, Has.Some.StartsWith($"mnist-train: {Locations.ModelCard} is unreadable"));
    }

    [Test]
    public void From_NoExplodeAtAll_IsMissing()
    {
        var status = RunStatus.From(new RunEvidence("x"), Locations, [], null);

        Assert.That(Step(status, "mnist-explode").State, Is.EqualTo(StepState.Missing));
        Assert.That(status.Missing, Has.Count.EqualTo(4));
    }

    [Test]
    public void From_FailedCanary_IsIncompleteEvenWithTheOtherStepsDone()
    {
        var checks = new List<CanaryCheck> { new(0, "job-process", true, "ok"), new(1, "lightgbm", false, "libgomp missing"), new(0, "write S3|4", true, "ok") };

        var status = RunStatus.From(Complete() with { Canary = checks }, Locations, [], null);

        var canary = Step(status, "mnist-canary");
        Assert.That(canary.State, Is.EqualTo(StepState.Failed));
        Assert.That(canary.Headline, Is.EqualTo("1 of 3 checks failed, e.g. lightgbm (task 1): libgomp missing"));
        Assert.That(status.Complete, Is.False);
        Assert.That(status.Missing.Single(), Does.StartWith("mnist-canary: 1 of 3 checks failed"));
    }

    [Test]
    public void From_PassedCanary_CountsChecksAndTasks()
    {
        var checks = new List<CanaryCheck> { new(0, "a", true, ""), new(1, "a", true, ""), new(-1, "binaryFile read", true, "") };

        var canary = Step(RunStatus.From(Complete() with { Canary = checks }, Locations, [], null), "mnist-canary");

        Assert.That((canary.State, canary.Headline), Is.EqualTo((StepState.Done, "3 checks passed in 2 tasks")));
    }

    [Test]
    public void From_CardWithoutModelZip_IsPartial()
    {
        var status = RunStatus.From(Complete() with { ModelZip = false }, Locations, [], null);

        Assert.That(Step(status, "mnist-train").State, Is.EqualTo(StepState.Partial));
        Assert.That(status.Complete, Is.False);
    }

    [Test]
    public void From_EvaluationRowsButNoReport_EvaluateDoneReportMissing()
    {
        var status = RunStatus.From(Complete() with { Report = null, ReportHtml = false, EvaluatedDigits = 9_990 }, Locations, [], null);

        Assert.That(Step(status, "mnist-evaluate").State, Is.EqualTo(StepState.Done));
        Assert.That(Step(status, "mnist-evaluate").Headline, Does.StartWith("9,990 test digits classified"));
        Assert.That(Step(status, "mnist-report").State, Is.EqualTo(StepState.Missing));
    }

    [Test]
    public void From_ScoringSummary_ShowsItsCountsWithoutCountingIt()
    {
        var summary = new ScoreSummary(
            "run-1", DateTimeOffset.UnixEpoch, "models/runs/run-1/model.zip", "fa/inbox/", "reports/predictions/run-1/predictions.jsonl",
            Inputs: 1_200, Scored: 1_199, Rejected: 1, CountsByDigit: new int[10], RejectedByReason: new Dictionary<RejectionReason, int>(), Rejections: []);

        var status = RunStatus.From(Complete() with { Scoring = summary }, Locations, [], null);

        var score = Step(status, "mnist-score");
        Assert.That(score.Headline, Is.EqualTo("1,200 inputs: 1,199 scored, 1 rejected"));
        Assert.That((score.State, score.Required, score.Uri), Is.EqualTo((StepState.Done, false, Locations.ScoringSummary)));
    }

    [Test]
    public void From_SourceManifestMissing_ShowsItWithoutCountingIt()
    {
        var status = RunStatus.From(Complete() with { SourceManifest = false }, Locations with { SourceManifest = "s/manifest.json" }, [], null);

        Assert.That(status.Steps[0].Step, Is.EqualTo("source"));
        Assert.That(status.Steps[0].State, Is.EqualTo(StepState.Missing));
        Assert.That(status.Complete, Is.True);
    }

    [Test]
    public void From_OtherRunsAndClusterId_AreListedAndUsedInTheCommand()
    {
        var status = RunStatus.From(Complete(), Locations, ["job-b", "x", "job-a", "job-b"], "j-2AB3CD");

        Assert.That(status.OtherRuns, Is.EqualTo(new[] { "job-a", "job-b" }));
        Assert.That(status.ListStepsCommand, Is.EqualTo("aws emr list-steps --cluster-id j-2AB3CD --query 'Steps[].[Name,Status.State]' --output table"));
        Assert.That(RunStatus.From(Complete(), Locations, [], null).ListStepsCommand, Does.Contain("--cluster-id <cluster-id> "));
    }

    [Test]
    public void Json_HasTheStatesAndCompleteness()
    {
        var status = RunStatus.From(Complete() with { Card = null }, Locations, [], null);

        using var json = JsonDocument.Parse(JobJson.Serialize(status));

        Assert.That(json.RootElement.GetProperty("complete").GetBoolean(), Is.False);
        Assert.That(json.RootElement.GetProperty("steps")[2].GetProperty("state").GetString(), Is.EqualTo("partial"));
        Assert.That(json.RootElement.GetProperty("missing")[0].GetString(), Does.StartWith("mnist-train:"));
    }

    [Test]
    public void Table_WithDashboard_PrintsItsUrlAfterTheStepsCommand()
    {
        const string url = "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/p-s";
        var withDashboard = new StringWriter();
        StatusCommand.Write(RunStatus.From(Complete(), Locations, [], "j-1") with { DashboardUrl = url }, json: false, withDashboard);
        var without = new StringWriter();
        StatusCommand.Write(RunStatus.From(Complete(), Locations, [], "j-1"), json: false, without);

        var lines = withDashboard.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.That(lines, Does.Contain($"Dashboard: {url}"));
        Assert.That(Array.FindIndex(lines, l => l.StartsWith("Dashboard:", StringComparison.Ordinal)), Is.GreaterThan(Array.FindIndex(lines, l => l.StartsWith("EMR step states:", StringComparison.Ordinal))));
        Assert.That(without.ToString(), Does.Not.Contain("Dashboard:"));
        using var json = JsonDocument.Parse(JobJson.Serialize(RunStatus.From(Complete(), Locations, [], "j-1") with { DashboardUrl = url }));
        Assert.That(json.RootElement.GetProperty("dashboardUrl").GetString(), Is.EqualTo(url));
    }
}
