using System.CommandLine;

namespace MnistEmr.Job.Tests.Contract;

/// <summary>The generated EMR steps: structure of the arguments and of the SQL, checked without Spark.</summary>
[TestFixture]
public partial class PipelineStepsTests
{
    private static readonly StepLocations Locations = FourLocations.Of(
        "s3://src-bucket/mnist/source/", "s3://data-bucket/mnist/format-a/", "s3://model-bucket/mnist/models/", "s3://report-bucket/mnist/reports/");

    private static readonly SparkSizing Sizing = new() { ExplodeShards = 12, EvaluatePartitions = 24, CoreInstance = InstanceCatalogue.Find("m5.2xlarge")!, CoreInstanceCount = 3 };

    private static IReadOnlyList<JobStep> Steps => PipelineSteps.For(Locations, Sizing, "run-7");

    [Test]
    public void For_AnyInput_GivesCanaryExplodeTrainEvaluateReportScoreInOrder()
    {
        Assert.That(Steps.Select(s => s.Definition), Is.EqualTo(new[]
        {
            PipelineSteps.Canary, PipelineSteps.Explode, PipelineSteps.Train, PipelineSteps.Evaluate, PipelineSteps.Report, PipelineSteps.Score,
        }));
        Assert.That(Steps.Select(s => s.Name), Is.EqualTo(PipelineSteps.All.Select(s => s.Name)));
    }

    [Test]
    public void For_EveryStep_ArgsAreSparkSqlConfsThenOneSqlScript()
    {
        foreach (var step in Steps)
        {
            Assert.That(step.Args[0], Is.EqualTo("spark-sql"), step.Name);
            Assert.That(step.Args[^2], Is.EqualTo("-e"), step.Name);
            var confs = Confs(step);
            Assert.That(confs["spark.sql.catalogImplementation"], Is.EqualTo("in-memory"), "no metastore to reach");
            Assert.That(confs["spark.sql.shuffle.partitions"], Is.EqualTo("24"));
            Assert.That(confs["spark.speculation"], Is.EqualTo("false"));
            Assert.That(confs["spark.yarn.am.memory"], Is.EqualTo("512m"));
            Assert.That(confs["spark.driver.memory"], Is.EqualTo("2048m"));
            Assert.That(confs["spark.executorEnv.OMP_WAIT_POLICY"], Is.EqualTo(MnistEmr.Job.Shared.Model.OpenMpWaitPolicy.Passive), "LightGBM's threads sleep, not spin, on shared vCPUs");
            Assert.That(confs["spark.executorEnv.GOMP_SPINCOUNT"], Is.EqualTo(MnistEmr.Job.Shared.Model.OpenMpWaitPolicy.ShortSpin), "after the job's own short spin");
            Assert.That(confs.Keys, Has.None.StartWith("spark.sql.files.").And.None.StartWith("spark.sql.sources."), "no step scans files with Spark");
            Assert.That(step.Args, Does.Contain("--name"));
            Assert.That(step.Args[step.Args.ToList().IndexOf("--name") + 1], Is.EqualTo($"{step.Name}-run-7"));
        }

        // m5.2xlarge: 8 vCPUs, 24,576 MiB for YARN. Workers: 2 tasks beside a 1 GiB heap, 4 per node (one per 2 vCPUs),
        // 12 on three nodes; each container grown to 4,928 MiB so that a fifth cannot fit a node (5 x 4,928 > 24,576):
        // 1,760 MiB per task's job processes + 384. The trainer: 1 GiB heap + 1,536 MiB for 60,000 digits + 384.
        foreach (var worker in new[] { Steps[0], Steps[1], Steps[3], Steps[4], Steps[5] })
        {
            var confs = Confs(worker);
            Assert.That(confs["spark.executor.cores"], Is.EqualTo("2"), worker.Name);
            Assert.That(confs["spark.executor.memory"], Is.EqualTo("1024m"), worker.Name);
            Assert.That(confs["spark.executor.memoryOverhead"], Is.EqualTo("3904m"), worker.Name);
            Assert.That(confs["spark.executorEnv.DOTNET_GCHeapHardLimit"], Is.EqualTo("0x52800000"), "1,320 MiB of the 1,760");
        }

        foreach (var dynamic in Steps.Skip(1))
        {
            var confs = Confs(dynamic);
            Assert.That(confs["spark.dynamicAllocation.enabled"], Is.EqualTo("true"), dynamic.Name);
            Assert.That(confs["spark.shuffle.service.enabled"], Is.EqualTo("true"), dynamic.Name);
            Assert.That(confs["spark.dynamicAllocation.maxExecutors"], Is.EqualTo(dynamic.Definition == PipelineSteps.Train ? "24" : "12"), dynamic.Name);
        }

        // The canary: every executor requested at once and all registered before its tasks are scheduled.
        var canary = Confs(Steps[0]);
        Assert.That(canary["spark.dynamicAllocation.enabled"], Is.EqualTo("false"));
        Assert.That(canary["spark.executor.instances"], Is.EqualTo("12"));
        Assert.That(canary["spark.scheduler.minRegisteredResourcesRatio"], Is.EqualTo("1.0"));
        Assert.That(canary["spark.scheduler.maxRegisteredResourcesWaitingTime"], Is.EqualTo("300s"));
        Assert.That(canary.Keys, Has.None.StartWith("spark.dynamicAllocation.max").And.No.EqualTo("spark.shuffle.service.enabled"));

        var train = Confs(Steps[2]);
        Assert.That(train["spark.executor.cores"], Is.EqualTo("1"), "one task: the training process");
        Assert.That(train["spark.executor.memory"], Is.EqualTo("1024m"));
        Assert.That(train["spark.executor.memoryOverhead"], Is.EqualTo("1920m"), "the training process holds every digit");
        Assert.That(train["spark.executorEnv.DOTNET_GCHeapHardLimit"], Is.EqualTo("0x48000000"), "1,152 MiB of the 1,536");
        // 2,944 MiB containers, one task each: 8 per node by vCPUs and by memory (also beside the application master).
        Assert.That(train["spark.dynamicAllocation.maxExecutors"], Is.EqualTo("24"), "the fetch tasks before the shuffle read in parallel");
    }

    [Test]
    public void For_DeterministicSteps_AreNotRetried_TransientOnesAre()
    {
        Assert.That(Steps.Select(s => Confs(s)["spark.task.maxFailures"]), Is.EqualTo(new[] { "1", "4", "1", "4", "1", "4" }),
            "canary, explode, train, evaluate, report, score: a failed training or report would only fail again");
    }

    [Test]
    public void For_TransientCluster_EveryFailedStepEndsIt()
    {
        Assert.That(Steps.Select(s => s.OnFailure), Is.All.EqualTo(StepFailure.TerminateCluster),
            "CANCEL_AND_WAIT returns a cluster to WAITING: a transient one could idle until its auto-termination");
        Assert.That(Steps.Select(s => s.ActionOnFailure), Is.All.EqualTo("TERMINATE_CLUSTER"));
        Assert.That(PipelineSteps.For(Locations, Sizing, "run-7", ClusterEnd.AfterSteps).Select(s => s.ActionOnFailure), Is.All.EqualTo("TERMINATE_CLUSTER"));
    }

    [Test]
    public void For_PersistentCluster_CanaryEndsIt_TheOthersCancelAndWait()
    {
        var steps = PipelineSteps.For(Locations, Sizing, "run-7", ClusterEnd.IdleTimeout);

        Assert.That(steps[0].OnFailure, Is.EqualTo(StepFailure.TerminateCluster));
        Assert.That(steps[0].ActionOnFailure, Is.EqualTo("TERMINATE_CLUSTER"));
        Assert.That(steps.Skip(1).Select(s => s.OnFailure), Is.All.EqualTo(StepFailure.CancelAndWait));
        Assert.That(steps.Skip(1).Select(s => s.ActionOnFailure), Is.All.EqualTo("CANCEL_AND_WAIT"));
        Assert.That(StepFailure.TerminateCluster.ApiName(), Is.EqualTo("TERMINATE_CLUSTER"));
        Assert.That(StepFailure.Continue.ApiName(), Is.EqualTo("CONTINUE"));
        Assert.That(StepFailure.CancelAndWait.ApiName(), Is.EqualTo("CANCEL_AND_WAIT"));
    }

    [Test]
    public void For_ExplodeStep_OneShardPerTaskIntoTheRunsExplodeManifest()
    {
        var sql = Steps[1].Sql;
        Assert.That(sql, Does.Contain("FROM range(0, 12, 1, 12)"), "one partition, so one task, per shard");
        Assert.That(sql, Does.Contain("INSERT OVERWRITE DIRECTORY 's3://data-bucket/mnist/format-a/_runs/run-7/explode/' USING json"));
        Assert.That(Using(sql).Single(), Is.EqualTo(
            "/opt/mnist-emr-job/mnist-emr-job rows explode --source s3://src-bucket/mnist/source/ --format-a s3://data-bucket/mnist/format-a/ --shards 12"));
        Assert.That(sql, Does.Contain("AS (shard INT, split STRING, digits INT, manifest STRING)"));
        Assert.That(Statements(sql), Has.Length.EqualTo(1));
    }

    [Test]
    public void For_ReExplodeSet_AddsTheFlagToTheExplodeCommandOnlyAndTheJobParsesIt()
    {
        var steps = PipelineSteps.For(Locations, Sizing with { ReExplode = true }, "run-7");

        Assert.That(Using(steps[1].Sql).Single(), Is.EqualTo(
            "/opt/mnist-emr-job/mnist-emr-job rows explode --source s3://src-bucket/mnist/source/ --format-a s3://data-bucket/mnist/format-a/ --shards 12 --re-explode"));
        Assert.That(Using(Steps[1].Sql).Single(), Does.Not.Contain("--re-explode"), "kept when up to date by default");
        Assert.That(steps.Where(s => s.Name != PipelineSteps.Explode.Name).Select(s => s.Sql), Is.EqualTo(Steps.Where(s => s.Name != PipelineSteps.Explode.Name).Select(s => s.Sql)));
        var parse = JobCli.CreateCommand(new ToolEnvironment { Out = TextWriter.Null, Error = TextWriter.Null }).Parse(Using(steps[1].Sql).Single().Split(' ')[1..]);
        Assert.That(parse.Errors, Is.Empty);
        Assert.That(parse.GetValue<bool>(SparkSizing.ReExplodeOption), Is.True);
    }

    [Test]
    public void For_TrainStep_ListsOnceFetchesInEverySlotThenTrainsInOneTask()
    {
        var sql = Steps[2].Sql;
        var statements = Statements(sql);
        Assert.That(statements, Has.Length.EqualTo(3));
        Assert.That(statements[0].Trim(), Does.StartWith("CACHE TABLE train_keys AS").And.Contain("FROM range(0, 1, 1, 1)"), "one listing task, run once");
        Assert.That(statements[1].Trim(), Does.StartWith("CREATE TEMPORARY VIEW train_pairs AS")
            .And.Contain("FROM (SELECT /*+ REPARTITION(24) */ path, png_key, label_key FROM train_keys) AS names"), "a fetch task per trainer executor");
        Assert.That(sql, Does.Contain("/*+ REPARTITION(1) */"));
        Assert.That(sql, Does.Contain("UNION ALL SELECT CAST(NULL AS STRING) AS path"), "the marker row makes the single task run on an empty tree");
        Assert.That(sql, Does.Contain("INSERT OVERWRITE DIRECTORY 's3://model-bucket/mnist/models/_runs/run-7/train/' USING json"));
        Assert.That(sql, Does.Not.Contain("binaryFile"));
        Assert.That(Using(sql), Is.EqualTo(new[]
        {
            "/opt/mnist-emr-job/mnist-emr-job rows list --input s3://data-bucket/mnist/format-a/train/",
            "/opt/mnist-emr-job/mnist-emr-job rows fetch --input s3://data-bucket/mnist/format-a/train/",
            "/opt/mnist-emr-job/mnist-emr-job rows train --format-a s3://data-bucket/mnist/format-a/ --models s3://model-bucket/mnist/models/ --run-id run-7 --threads 8",
        }), "the trainer is given its node's 8 vCPUs");
    }

    [Test]
    public void For_EvaluateStep_PredictsInManyTasksAndGroupsTheConfusionMatrix()
    {
        var sql = Steps[3].Sql;
        Assert.That(Statements(sql)[0].Trim(), Does.StartWith("CACHE TABLE test_keys AS"));
        Assert.That(sql, Does.Contain("FROM (SELECT /*+ REPARTITION(24) */ path, png_key, label_key FROM test_keys) AS names"),
            "fetch and predict in the same 24 tasks: the fetch TRANSFORM feeds the predict one with no shuffle between");
        Assert.That(sql, Does.Contain("CACHE TABLE predictions AS"));
        Assert.That(sql, Does.Contain("GROUP BY actual, predicted"));
        Assert.That(sql, Does.Contain("INSERT OVERWRITE DIRECTORY 's3://report-bucket/mnist/reports/_runs/run-7/evaluation/' USING json"));
        Assert.That(Using(sql), Is.EqualTo(new[]
        {
            "/opt/mnist-emr-job/mnist-emr-job rows list --input s3://data-bucket/mnist/format-a/test/",
            "/opt/mnist-emr-job/mnist-emr-job rows predict --format-a s3://data-bucket/mnist/format-a/ --models s3://model-bucket/mnist/models/ --run-id run-7",
            "/opt/mnist-emr-job/mnist-emr-job rows fetch --input s3://data-bucket/mnist/format-a/test/",
        }));
        Assert.That(Statements(sql), Has.Length.EqualTo(3));
        // Every branch of the UNION ALL has the evaluation schema's width.
        var insert = Statements(sql)[2];
        foreach (var branch in insert[insert.IndexOf("SELECT", StringComparison.Ordinal)..].Split("UNION ALL"))
        {
            var select = branch[(branch.IndexOf("SELECT", StringComparison.Ordinal) + 6)..branch.IndexOf("FROM predictions", StringComparison.Ordinal)];
            Assert.That(TopLevelCommas(select) + 1, Is.EqualTo(RowProtocol.EvaluationColumns.Count), branch);
        }
    }

    [Test]
    public void For_ReportStep_SendsTheEvaluationToOneReportTask()
    {
        var sql = Steps[4].Sql;
        Assert.That(sql, Does.Contain(
            "CREATE TEMPORARY VIEW evaluation (kind STRING, key STRING, actual INT, predicted INT, n BIGINT, loss DOUBLE, seconds DOUBLE, "
            + "confidence DOUBLE, png STRING, reason STRING, detail STRING) USING json OPTIONS (path 's3://report-bucket/mnist/reports/_runs/run-7/evaluation/')"));
        Assert.That(sql, Does.Contain("/*+ REPARTITION(1) */"));
        Assert.That(sql, Does.Contain("'run' AS kind"));
        Assert.That(sql, Does.Contain("INSERT OVERWRITE DIRECTORY 's3://report-bucket/mnist/reports/_runs/run-7/report/' USING json"));
        Assert.That(Using(sql).Single(), Is.EqualTo(
            "/opt/mnist-emr-job/mnist-emr-job rows report --format-a s3://data-bucket/mnist/format-a/ --models s3://model-bucket/mnist/models/ "
            + "--reports s3://report-bucket/mnist/reports/ --run-id run-7"));
        Assert.That(ReportStep.HtmlUri(Locations, "run-7"), Is.EqualTo("s3://report-bucket/mnist/reports/runs/run-7/report.html"));
    }

    [Test]
    public void For_ScoreStep_ListsTheInboxThenFetchesAndScoresInManyTasksThenSummarizesInOne()
    {
        var sql = Steps[5].Sql;
        var statements = Statements(sql);
        Assert.That(statements, Has.Length.EqualTo(3));
        Assert.That(statements[0].Trim(), Does.StartWith("CACHE TABLE score_keys AS").And.Contain("FROM range(0, 1, 1, 1)"),
            "the job lists the inbox itself: an absent inbox is an empty one, and no marker object is needed");
        Assert.That(statements[1], Does.Contain("FROM (SELECT /*+ REPARTITION(24) */ path, png_key, label_key FROM score_keys) AS names"),
            "sized as the evaluate step's predictions");
        Assert.That(statements[1], Does.Contain("FROM (SELECT path, png FROM (SELECT TRANSFORM (path, png_key, label_key)"));
        Assert.That(statements[2], Does.Contain("/*+ REPARTITION(1) */").And.Contain("UNION ALL SELECT CAST(NULL AS STRING) AS key"),
            "one summary task, which runs even on an empty inbox");
        Assert.That(statements[2].Trim(), Does.StartWith("INSERT OVERWRITE DIRECTORY 's3://report-bucket/mnist/reports/_runs/run-7/score/' USING json"));
        Assert.That(Using(sql), Is.EqualTo(new[]
        {
            "/opt/mnist-emr-job/mnist-emr-job rows list --input s3://data-bucket/mnist/format-a/inbox/ --files true",
            "/opt/mnist-emr-job/mnist-emr-job rows score --input s3://data-bucket/mnist/format-a/inbox/ --models s3://model-bucket/mnist/models/ --run-id run-7",
            "/opt/mnist-emr-job/mnist-emr-job rows fetch --input s3://data-bucket/mnist/format-a/inbox/",
            "/opt/mnist-emr-job/mnist-emr-job rows score-summary --input s3://data-bucket/mnist/format-a/inbox/ --models s3://model-bucket/mnist/models/ "
            + "--reports s3://report-bucket/mnist/reports/ --run-id run-7",
        }));
        Assert.That(ScoreStep.PredictionsUri(Locations, "run-7"), Is.EqualTo("s3://report-bucket/mnist/reports/predictions/run-7/"));
    }

    [Test]
    public void For_AnyStep_SqlHasNoSemicolonOrQuoteInsideLiterals()
    {
        foreach (var step in Steps)
        {
            // Outside the literals the statements split on ';' exactly as spark-sql's CLI does.
            foreach (Match literal in Literal().Matches(step.Sql))
            {
                Assert.That(literal.Value[1..^1], Does.Not.Contain(";").And.Not.Contain("\"").And.Not.Contain("\\"), step.Name);
            }
        }
    }

    [Test]
    public void For_TerraformTokens_AreKeptVerbatim()
    {
        var locations = FourLocations.Of(
            "s3://${aws_s3_bucket.source.bucket}/mnist/", "s3://${aws_s3_bucket.data.bucket}/format-a/",
            "s3://${aws_s3_bucket.models.bucket}/", "s3://${aws_s3_bucket.reports.bucket}/");

        var steps = PipelineSteps.For(locations, new SparkSizing(), "r1");

        Assert.That(steps[2].Sql, Does.Contain("--input s3://${aws_s3_bucket.data.bucket}/format-a/train/"));
        Assert.That(Using(steps[1].Sql).Single(), Does.Contain("--source s3://${aws_s3_bucket.source.bucket}/mnist/"));
        // m5.xlarge: a worker container grown to 4,128 MiB, so no third fits a node of 12,288.
        Assert.That(Confs(steps[1])["spark.executor.memoryOverhead"], Is.EqualTo("3104m"));
        Assert.That(steps[1].Sql, Does.Contain("range(0, 16, 1, 16)"));
        Assert.That(steps[3].Sql, Does.Contain("REPARTITION(16)"));
    }

    [TestCase("s3://bucket/prefix", "must end in '/'")]
    [TestCase("s3://bucket/it's/", "quote")]
    [TestCase("s3://bucket/a;b/", "';'")]
    [TestCase("s3://bucket/a b/", "whitespace")]
    public void For_UnsafeLocation_Throws(string uri, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => PipelineSteps.For(Locations.With(PipelineNodes.FormatA, uri), Sizing, "r1"));
        Assert.That(ex!.Message, Does.Contain(message));
    }

    [Test]
    public void For_BadSizingOrRunId_Throws()
    {
        Assert.Throws<ArgumentException>(() => PipelineSteps.For(Locations, Sizing with { ExplodeShards = 0 }, "r1"));
        Assert.Throws<ArgumentException>(() => PipelineSteps.For(Locations, Sizing with { EvaluatePartitions = 0 }, "r1"));
        Assert.Throws<ArgumentException>(() => PipelineSteps.For(Locations, Sizing with { EvaluatePartitions = SparkSizing.MaxEvaluatePartitions + 1 }, "r1"));
        Assert.That(PipelineSteps.For(Locations, Sizing with { EvaluatePartitions = SparkSizing.MaxEvaluatePartitions }, "r1"), Has.Count.EqualTo(6));
        Assert.Throws<ArgumentException>(() => PipelineSteps.For(Locations, Sizing, "a'b"));
        Assert.Throws<ArgumentException>(() => PipelineSteps.For(Locations, Sizing, ""));
    }

    [Test]
    public void For_EveryRowCommand_ParsesWithTheJobsOwnCommandLine()
    {
        var root = JobCli.CreateCommand(new ToolEnvironment { Out = TextWriter.Null, Error = TextWriter.Null });
        foreach (var step in Steps)
            foreach (var using_ in Using(step.Sql))
            {
                var command = using_.Split(' ');
                Assert.That(command[0], Is.EqualTo(PipelineSteps.JobBinary));
                var parse = root.Parse(command[1..]);
                Assert.That(parse.Errors, Is.Empty, $"{step.Name}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
                Assert.That(parse.CommandResult.Command.Parents.OfType<Command>().First().Name, Is.EqualTo(RowProtocol.Group));
            }
    }

    [Test]
    public void For_TransformColumns_ComeFromTheRowProtocol()
    {
        Assert.That(Steps[2].Sql, Does.Contain($"SELECT TRANSFORM (path, png, label) {PipelineSteps.RowFormat} USING"));
        Assert.That(Steps[2].Sql, Does.Contain($"AS ({string.Join(", ", RowProtocol.TrainOutput)}) {PipelineSteps.RowFormat}"));
        Assert.That(Steps[3].Sql, Does.Contain($"AS ({string.Join(", ", RowProtocol.PredictOutput)}) {PipelineSteps.RowFormat}"));
        Assert.That(Steps[4].Sql, Does.Contain($"AS ({string.Join(", ", RowProtocol.ReportOutput)}) {PipelineSteps.RowFormat}"));
        Assert.That(Steps[5].Sql, Does.Contain($"SELECT TRANSFORM (path, png) {PipelineSteps.RowFormat} USING"));
        Assert.That(Steps[5].Sql, Does.Contain($"AS ({string.Join(", ", RowProtocol.ScoreOutput)}) {PipelineSteps.RowFormat}"));
        Assert.That(Steps[5].Sql, Does.Contain($"AS ({string.Join(", ", RowProtocol.ScoreSummaryOutput)}) {PipelineSteps.RowFormat}"));
        foreach (var reading in new[] { Steps[0], Steps[2], Steps[3], Steps[5] })
        {
            Assert.That(reading.Sql, Does.Contain($"AS ({string.Join(", ", RowProtocol.ListOutput)}) {PipelineSteps.RowFormat}"), reading.Name);
            Assert.That(reading.Sql, Does.Contain($"SELECT TRANSFORM (path, png_key, label_key) {PipelineSteps.RowFormat} USING"), reading.Name);
        }

        foreach (var step in Steps)
        {
            // Both sides of every transformation state Hive's text row format: the same bytes with or without Hive.
            Assert.That(Regex.Matches(step.Sql, "SELECT TRANSFORM").Count * 2, Is.EqualTo(Regex.Matches(step.Sql, Regex.Escape(PipelineSteps.RowFormat)).Count), step.Name);
        }

        Assert.That(PipelineSteps.RowFormat, Is.EqualTo("ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t'"), "a literal tab: no backslash survives CDKTF's HCL");
        Assert.That(Steps.SelectMany(s => s.Args), Has.None.Contain("\\"));
    }

    [Test]
    public void For_NoStep_ReadsObjectsThroughSpark()
    {
        // Spark's binaryFile scan reads one object after another per task and drops empty files; every step that
        // reads lists with the job and fetches with its tasks instead.
        Assert.That(Steps.Select(s => s.Sql), Has.None.Contain("binaryFile"));
        Assert.That(Steps.Where(s => s.Sql.Contains("rows fetch")).Select(s => s.Name), Is.EqualTo(new[]
        {
            PipelineSteps.Canary.Name, PipelineSteps.Train.Name, PipelineSteps.Evaluate.Name, PipelineSteps.Score.Name,
        }));
    }

    [Test]
    public void For_CanaryStep_SavesEverySlotsChecksFirstThenExercisesEveryFeatureTheLaterStepsUse()
    {
        var sql = Steps[0].Sql;
        var statements = Statements(sql);
        Assert.That(statements, Has.Length.EqualTo(6));
        // m5.2xlarge x3: 12 worker executors of 2 tasks.
        Assert.That(statements[0].Trim(), Does.StartWith("INSERT OVERWRITE DIRECTORY 's3://report-bucket/mnist/reports/_runs/run-7/canary/checks/' USING json")
            .And.Contain("FROM (SELECT CAST(id AS INT) AS task FROM range(0, 24, 1, 24)) AS tasks"),
            "the check rows are in S3|3 before anything reads the probe tree");
        Assert.That(statements[1].Trim(), Does.StartWith("CACHE TABLE probe_keys AS"));
        Assert.That(statements[2], Does.Contain("REPARTITION(1) */ path, png_key, label_key FROM probe_keys"));
        Assert.That(statements[3].Trim(), Does.StartWith("INSERT OVERWRITE DIRECTORY 's3://report-bucket/mnist/reports/_runs/run-7/canary/probe/' USING json"));
        Assert.That(statements[3], Does.Contain("/*+ REPARTITION(1) */"));
        Assert.That(statements[4].Trim(), Is.EqualTo(
            "CREATE TEMPORARY VIEW canary_rows (task INT, probe STRING, passed BOOLEAN, detail STRING, host STRING) USING json "
            + "OPTIONS (path 's3://report-bucket/mnist/reports/_runs/run-7/canary/', recursiveFileLookup 'true')"));
        Assert.That(Using(sql), Is.EqualTo(new[]
        {
            "/opt/mnist-emr-job/mnist-emr-job rows canary --source s3://src-bucket/mnist/source/ --format-a s3://data-bucket/mnist/format-a/ "
            + "--models s3://model-bucket/mnist/models/ --reports s3://report-bucket/mnist/reports/ --run-id run-7",
            "/opt/mnist-emr-job/mnist-emr-job rows list --input s3://data-bucket/mnist/format-a/canary/run-7/",
            "/opt/mnist-emr-job/mnist-emr-job rows fetch --input s3://data-bucket/mnist/format-a/canary/run-7/",
            "/opt/mnist-emr-job/mnist-emr-job rows canary-probe --format-a s3://data-bucket/mnist/format-a/ --run-id run-7",
            "/opt/mnist-emr-job/mnist-emr-job rows canary-verdict --run-id run-7 --core-nodes 3",
        }), "the verdict knows the 3 core nodes that must report");
    }

    [Test]
    public void ClusterPlan_TrainingSetTooLargeForTheType_NamesWhatWouldFit()
    {
        var sizing = new SparkSizing { CoreInstance = InstanceCatalogue.Find("c6i.xlarge")!, TrainDigits = 400_000 };

        var error = Assert.Throws<SizingException>(() => ClusterPlan.For(sizing));

        Assert.That(error!.Message, Does.Contain("the train step needs a YARN container of"));
        Assert.That(error.Message, Does.Contain("400,000 training digits"));
        Assert.That(error.Message, Does.Contain("c6i.xlarge allows 4736 MiB"));
        Assert.That(error.Message, Does.Contain("such as m6i.xlarge"), "the smallest supported type that fits");
        Assert.That(ClusterPlan.For(sizing with { TrainDigits = 60_000 }).Trainer.ContainerMib, Is.EqualTo(2944));
    }

    [Test]
    public void ClusterPlan_EveryType_YarnsMemoryOnlyPlacementCannotPackMoreExecutorsOnANodeThanItsVcpusRun()
    {
        // Without the spreading, 5 worker containers of 2,432 MiB fit one m5.xlarge (12,288 MiB) that has vCPUs for 2.
        var m5 = InstanceCatalogue.Find("m5.xlarge")!;
        Assert.That(ClusterPlan.MostPerNode(m5, new ExecutorShape(ClusterPlan.WorkerCores, ClusterPlan.ExecutorHeapMib, ClusterPlan.WorkerProcessMib, 1)), Is.EqualTo(5));
        foreach (var type in InstanceCatalogue.Known)
        {
            ClusterPlan plan;
            try
            {
                plan = ClusterPlan.For(new SparkSizing { CoreInstance = type, CoreInstanceCount = 2 });
            }
            catch (SizingException)
            {
                continue;
            }

            foreach (var shape in new[] { plan.Workers, plan.Trainer })
            {
                var byCpu = type.VCpus / shape.Cores;
                Assert.That(ClusterPlan.MostPerNode(type, shape), Is.LessThanOrEqualTo(byCpu), $"{type.Name}: {shape}");
                Assert.That(shape.JobProcessMib, Is.GreaterThanOrEqualTo(shape.Cores == 1 ? ClusterPlan.TrainProcessMib(60_000) : ClusterPlan.WorkerProcessMib), type.Name);
            }

            Assert.That(plan.Workers.MaxExecutors, Is.LessThanOrEqualTo(2 * ClusterPlan.MostPerNode(type, plan.Workers)), type.Name);
        }

        var defaults = ClusterPlan.For(new SparkSizing());
        Assert.That(ClusterPlan.MostPerNode(m5, defaults.Workers), Is.EqualTo(2), "two per node, as the plan runs them");
        Assert.That(defaults.Workers.MaxExecutors, Is.EqualTo(4), "both nodes still hold two beside the application master");
        Assert.That(defaults.Workers.ContainerMib, Is.EqualTo(4128));
    }

    [TestCase(8_000, 768)]
    [TestCase(60_000, 1536)]
    [TestCase(0, 512)]
    public void TrainProcessMib_GrowsWithTheTrainingSet(int digits, int mib)
    {
        // Measured peaks: 346 MiB at 8,000 digits, 947 MiB at 60,000; the budget keeps half as much again.
        Assert.That(ClusterPlan.TrainProcessMib(digits), Is.EqualTo(mib));
    }

    private static Dictionary<string, string> Confs(JobStep step)
    {
        var confs = new Dictionary<string, string>();
        for (var i = 0; i < step.Args.Count - 1; i++)
        {
            if (step.Args[i] == "--conf")
            {
                var pair = step.Args[i + 1].Split('=', 2);
                confs[pair[0]] = pair[1];
            }
        }

        return confs;
    }

    private static string[] Statements(string sql) => sql.Split(';');

    private static IReadOnlyList<string> Using(string sql) => UsingClause().Matches(sql).Select(m => m.Groups[1].Value).ToList();

    private static int TopLevelCommas(string text)
    {
        var depth = 0;
        var commas = 0;
        foreach (var c in text)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            commas += c == ',' && depth == 0 ? 1 : 0;
        }

        return commas;
    }

    [GeneratedRegex("USING '([^']*)'")]
    private static partial Regex UsingClause();

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Literal();
}
