using System.CommandLine;
using System.Text.RegularExpressions;
using MnistJob.Cli;
using MnistJob.Steps;

namespace MnistJob.Tests.Steps;

/// <summary>The generated EMR steps: structure of the arguments and of the SQL, checked without Spark.</summary>
[TestFixture]
public partial class PipelineStepsTests
{
    private static readonly StepLocations Locations = new(
        "s3://src-bucket/mnist/source/", "s3://data-bucket/mnist/format-a/", "s3://model-bucket/mnist/models/", "s3://report-bucket/mnist/reports/");

    private static readonly SparkSizing Sizing = new() { ExplodeShards = 12, EvaluatePartitions = 24, ExecutorMemoryOverhead = "2g", TrainMemoryOverhead = "6g" };

    private static IReadOnlyList<JobStep> Steps => PipelineSteps.For(Locations, Sizing, "run-7");

    [Test]
    public void For_AnyInput_GivesExplodeTrainEvaluateReportInOrder()
    {
        Assert.That(Steps.Select(s => s.Name), Is.EqualTo(new[]
        {
            PipelineSteps.ExplodeStepName, PipelineSteps.TrainStepName, PipelineSteps.EvaluateStepName, PipelineSteps.ReportStepName,
        }));
    }

    [Test]
    public void For_EveryStep_ArgsAreSparkSqlConfsThenOneSqlScript()
    {
        foreach (var step in Steps)
        {
            Assert.That(step.Args[0], Is.EqualTo("spark-sql"), step.Name);
            Assert.That(step.Args[^2], Is.EqualTo("-e"), step.Name);
            var confs = Confs(step);
            Assert.That(confs["spark.sql.catalogImplementation"], Is.EqualTo("hive"), "TRANSFORM's Hive SerDe mode");
            Assert.That(confs["spark.sql.shuffle.partitions"], Is.EqualTo("24"));
            Assert.That(confs["spark.speculation"], Is.EqualTo("false"));
            Assert.That(confs["spark.task.maxFailures"], Is.EqualTo("4"));
            Assert.That(step.Args, Does.Contain("--name"));
            Assert.That(step.Args[step.Args.ToList().IndexOf("--name") + 1], Is.EqualTo($"{step.Name}-run-7"));
        }

        Assert.That(Confs(Steps[0])["spark.executor.memoryOverhead"], Is.EqualTo("2g"));
        Assert.That(Confs(Steps[1])["spark.executor.memoryOverhead"], Is.EqualTo("6g"), "the training process holds every digit");
        Assert.That(Confs(Steps[2])["spark.executor.memoryOverhead"], Is.EqualTo("2g"));
        Assert.That(Confs(Steps[3])["spark.executor.memoryOverhead"], Is.EqualTo("2g"));
    }

    [Test]
    public void For_EveryStep_CancelsAndWaitsOnFailure()
    {
        Assert.That(Steps.Select(s => s.OnFailure), Is.All.EqualTo(StepFailure.CancelAndWait));
        Assert.That(Steps.Select(s => s.ActionOnFailure), Is.All.EqualTo("CANCEL_AND_WAIT"));
        Assert.That(new JobStep("x", ["spark-sql"], StepFailure.TerminateCluster).ActionOnFailure, Is.EqualTo("TERMINATE_CLUSTER"));
        Assert.That(new JobStep("x", ["spark-sql"], StepFailure.Continue).ActionOnFailure, Is.EqualTo("CONTINUE"));
    }

    [Test]
    public void For_ExplodeStep_OneShardPerTaskIntoTheRunsExplodeManifest()
    {
        var sql = Steps[0].Sql;
        Assert.That(sql, Does.Contain("FROM range(0, 12, 1, 12)"), "one partition, so one task, per shard");
        Assert.That(sql, Does.Contain("INSERT OVERWRITE DIRECTORY 's3://data-bucket/mnist/format-a/_runs/run-7/explode/' USING json"));
        Assert.That(Using(sql).Single(), Is.EqualTo(
            "/opt/mnist-emr-job/mnist-emr-job rows explode --source s3://src-bucket/mnist/source/ --format-a s3://data-bucket/mnist/format-a/ --shards 12"));
        Assert.That(sql, Does.Contain("AS (shard INT, split STRING, digits INT, manifest STRING)"));
        Assert.That(Statements(sql), Has.Length.EqualTo(1));
    }

    [Test]
    public void For_TrainStep_ReadsTrainTreeAsBinaryFilesIntoOneTask()
    {
        var sql = Steps[1].Sql;
        Assert.That(sql, Does.Contain("CREATE TEMPORARY VIEW train_files USING binaryFile OPTIONS (path 's3://data-bucket/mnist/format-a/train/', recursiveFileLookup 'true')"));
        Assert.That(sql, Does.Contain("GROUP BY name"), ".png and .txt joined by name");
        Assert.That(sql, Does.Contain("left(path, length(path) - 4)"), "extension stripped from binaryFile's path");
        Assert.That(sql, Does.Contain("/*+ REPARTITION(1) */"));
        Assert.That(sql, Does.Contain("UNION ALL SELECT CAST(NULL AS STRING) AS path"), "the marker row makes the single task run on an empty tree");
        Assert.That(sql, Does.Contain("INSERT OVERWRITE DIRECTORY 's3://model-bucket/mnist/models/_runs/run-7/train/' USING json"));
        Assert.That(Using(sql).Single(), Is.EqualTo(
            "/opt/mnist-emr-job/mnist-emr-job rows train --format-a s3://data-bucket/mnist/format-a/ --models s3://model-bucket/mnist/models/ --run-id run-7"));
        Assert.That(Statements(sql), Has.Length.EqualTo(3));
    }

    [Test]
    public void For_EvaluateStep_PredictsInManyTasksAndGroupsTheConfusionMatrix()
    {
        var sql = Steps[2].Sql;
        Assert.That(sql, Does.Contain("CREATE TEMPORARY VIEW test_files USING binaryFile OPTIONS (path 's3://data-bucket/mnist/format-a/test/', recursiveFileLookup 'true')"));
        Assert.That(sql, Does.Contain("/*+ REPARTITION(24) */"));
        Assert.That(sql, Does.Contain("CACHE TABLE predictions AS"));
        Assert.That(sql, Does.Contain("GROUP BY actual, predicted"));
        Assert.That(sql, Does.Contain("INSERT OVERWRITE DIRECTORY 's3://report-bucket/mnist/reports/_runs/run-7/evaluation/' USING json"));
        Assert.That(Using(sql).Single(), Is.EqualTo(
            "/opt/mnist-emr-job/mnist-emr-job rows predict --format-a s3://data-bucket/mnist/format-a/ --models s3://model-bucket/mnist/models/ --run-id run-7"));
        Assert.That(Statements(sql), Has.Length.EqualTo(4));
        // Every branch of the UNION ALL has the evaluation schema's width.
        var insert = Statements(sql)[3];
        foreach (var branch in insert[insert.IndexOf("SELECT", StringComparison.Ordinal)..].Split("UNION ALL"))
        {
            var select = branch[(branch.IndexOf("SELECT", StringComparison.Ordinal) + 6)..branch.IndexOf("FROM predictions", StringComparison.Ordinal)];
            Assert.That(TopLevelCommas(select) + 1, Is.EqualTo(RowProtocol.EvaluationColumns.Count), branch);
        }
    }

    [Test]
    public void For_ReportStep_SendsTheEvaluationToOneReportTask()
    {
        var sql = Steps[3].Sql;
        Assert.That(sql, Does.Contain(
            "CREATE TEMPORARY VIEW evaluation (kind STRING, key STRING, actual INT, predicted INT, n BIGINT, loss DOUBLE, seconds DOUBLE, "
            + "confidence DOUBLE, png STRING, reason STRING, detail STRING) USING json OPTIONS (path 's3://report-bucket/mnist/reports/_runs/run-7/evaluation/')"));
        Assert.That(sql, Does.Contain("/*+ REPARTITION(1) */"));
        Assert.That(sql, Does.Contain("'run' AS kind"));
        Assert.That(sql, Does.Contain("INSERT OVERWRITE DIRECTORY 's3://report-bucket/mnist/reports/_runs/run-7/report/' USING json"));
        Assert.That(Using(sql).Single(), Is.EqualTo(
            "/opt/mnist-emr-job/mnist-emr-job rows report --format-a s3://data-bucket/mnist/format-a/ --models s3://model-bucket/mnist/models/ "
            + "--reports s3://report-bucket/mnist/reports/ --run-id run-7"));
        Assert.That(PipelineSteps.ReportHtmlUri(Locations, "run-7"), Is.EqualTo("s3://report-bucket/mnist/reports/runs/run-7/report.html"));
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
        var locations = new StepLocations(
            "s3://${aws_s3_bucket.source.bucket}/mnist/", "s3://${aws_s3_bucket.data.bucket}/format-a/",
            "s3://${aws_s3_bucket.models.bucket}/", "s3://${aws_s3_bucket.reports.bucket}/");

        var steps = PipelineSteps.For(locations, new SparkSizing(), "r1");

        Assert.That(steps[1].Sql, Does.Contain("path 's3://${aws_s3_bucket.data.bucket}/format-a/train/'"));
        Assert.That(Using(steps[0].Sql).Single(), Does.Contain("--source s3://${aws_s3_bucket.source.bucket}/mnist/"));
        Assert.That(Confs(steps[0])["spark.executor.memoryOverhead"], Is.EqualTo("1g"));
        Assert.That(steps[0].Sql, Does.Contain("range(0, 16, 1, 16)"));
        Assert.That(steps[2].Sql, Does.Contain("REPARTITION(16)"));
    }

    [TestCase("s3://bucket/prefix", "must end in '/'")]
    [TestCase("s3://bucket/it's/", "quote")]
    [TestCase("s3://bucket/a;b/", "';'")]
    [TestCase("s3://bucket/a b/", "whitespace")]
    public void For_UnsafeLocation_Throws(string uri, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => PipelineSteps.For(Locations with { FormatAUri = uri }, Sizing, "r1"));
        Assert.That(ex!.Message, Does.Contain(message));
    }

    [Test]
    public void For_BadSizingOrRunId_Throws()
    {
        Assert.Throws<ArgumentException>(() => PipelineSteps.For(Locations, Sizing with { ExplodeShards = 0 }, "r1"));
        Assert.Throws<ArgumentException>(() => PipelineSteps.For(Locations, Sizing with { EvaluatePartitions = 0 }, "r1"));
        Assert.Throws<ArgumentException>(() => PipelineSteps.For(Locations, Sizing, "a'b"));
        Assert.Throws<ArgumentException>(() => PipelineSteps.For(Locations, Sizing, ""));
    }

    [Test]
    public void For_EveryRowCommand_ParsesWithTheJobsOwnCommandLine()
    {
        var root = JobCli.CreateCommand(new JobEnvironment { Out = TextWriter.Null, Error = TextWriter.Null });
        foreach (var step in Steps)
        {
            var command = Using(step.Sql).Single().Split(' ');
            Assert.That(command[0], Is.EqualTo(PipelineSteps.JobBinary));
            var parse = root.Parse(command[1..]);
            Assert.That(parse.Errors, Is.Empty, $"{step.Name}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            Assert.That(parse.CommandResult.Command.Parents.OfType<Command>().First().Name, Is.EqualTo(RowProtocol.Group));
        }
    }

    [Test]
    public void For_TransformColumns_ComeFromTheRowProtocol()
    {
        Assert.That(Steps[1].Sql, Does.Contain($"SELECT TRANSFORM (path, png, label)"));
        Assert.That(Steps[1].Sql, Does.Contain($"AS ({string.Join(", ", RowProtocol.TrainOutput)})"));
        Assert.That(Steps[2].Sql, Does.Contain($"AS ({string.Join(", ", RowProtocol.PredictOutput)})"));
        Assert.That(Steps[3].Sql, Does.Contain($"AS ({string.Join(", ", RowProtocol.ReportOutput)})"));
        Assert.That(Steps[1].Sql, Does.Contain("replace(replace(base64(content), char(13), ''), char(10), '')"), "base64 stays on one line");
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
