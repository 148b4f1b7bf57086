using System.CommandLine;

namespace MnistEmr.Job.Tests.Contract;

/// <summary>The train step with a hyperparameter sweep: its SQL's structure and the cluster bounds it is checked against.</summary>
public partial class PipelineStepsTests
{
    private static readonly SparkSizing SweepSizing = Sizing with { SweepCandidates = 4, SweepSeed = 9 };

    [Test]
    public void For_SweepTrainStep_PacksInOneTask_TrainsOneCandidatePerTask_PicksInOne()
    {
        var steps = PipelineSteps.For(Locations, SweepSizing, "run-7");
        var sql = steps[2].Sql;
        var statements = Statements(sql).Select(s => s.Trim()).ToArray();

        Assert.That(statements, Has.Length.EqualTo(5));
        Assert.That(statements[0], Does.StartWith("CACHE TABLE train_keys AS").And.Contain("rows list --input s3://data-bucket/mnist/format-a/train/"));
        Assert.That(statements[1], Does.StartWith("CREATE TEMPORARY VIEW train_pairs AS").And.Contain("rows fetch --input s3://data-bucket/mnist/format-a/train/"));
        Assert.That(statements[2], Does.StartWith("CACHE TABLE sweep_data AS").And.Contain("/*+ REPARTITION(1) */").And.Contain("FROM train_pairs"));
        Assert.That(statements[3], Does.StartWith("CACHE TABLE sweep_candidates AS"));
        Assert.That(statements[3], Does.Contain("FROM (SELECT CAST(id AS INT) AS candidate FROM range(0, 4, 1, 4)) AS candidates"), "one candidate per partition");
        Assert.That(statements[4], Does.Contain("INSERT OVERWRITE DIRECTORY 's3://model-bucket/mnist/models/_runs/run-7/train/' USING json"));
        Assert.That(statements[4], Does.Contain("FROM sweep_candidates").And.Contain("/*+ REPARTITION(1) */").And.Contain("UNION ALL SELECT CAST(NULL AS INT) AS candidate"));
        Assert.That(sql, Does.Not.Contain("/test/").And.Not.Contain("inbox"), "the sweep never reads the test split");

        var threads = ClusterPlan.For(SweepSizing).SweepThreads;
        var models = "--models s3://model-bucket/mnist/models/ --run-id run-7";
        Assert.That(Using(sql).Skip(2), Is.EqualTo(new[]
        {
            $"/opt/mnist-emr-job/mnist-emr-job rows sweep-data --format-a s3://data-bucket/mnist/format-a/ {models} --sweep 4 --sweep-seed 9",
            $"/opt/mnist-emr-job/mnist-emr-job rows sweep-candidate {models} --threads {threads} --sweep 4 --sweep-seed 9",
            // The refit of the kept configuration takes the threads a training without a sweep is given.
            $"/opt/mnist-emr-job/mnist-emr-job rows sweep-pick {models} --threads {ClusterPlan.For(SweepSizing).TrainThreads} --sweep 4 --sweep-seed 9",
        }));
        Assert.That(sql, Does.Contain($"AS ({string.Join(", ", RowProtocol.TrainOutput)}) {PipelineSteps.RowFormat}"), "the step's result row is a train row");

        var root = JobCli.CreateCommand(new ToolEnvironment { Out = TextWriter.Null, Error = TextWriter.Null });
        foreach (var command in Using(sql))
        {
            var parse = root.Parse(command.Split(' ')[1..]);
            Assert.That(parse.Errors, Is.Empty, $"{command}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        }

        // The other steps are the same with and without a sweep.
        var without = PipelineSteps.For(Locations, Sizing, "run-7");
        Assert.That(steps.Where((_, i) => i != 2).Select(s => s.Args), Is.EqualTo(without.Where((_, i) => i != 2).Select(s => s.Args)));
    }

    [Test]
    public void ClusterPlan_SweepLargerThanTheTrainExecutorsTheClusterHolds_IsRefusedWithTheBound()
    {
        var oneNode = new SparkSizing { CoreInstance = InstanceCatalogue.Find("m5.xlarge")!, CoreInstanceCount = 1 };
        var holds = ClusterPlan.For(oneNode).Trainer.MaxExecutors;

        Assert.That(ClusterPlan.For(oneNode with { SweepCandidates = holds }).SweepThreads, Is.GreaterThanOrEqualTo(1));
        var refused = Assert.Throws<SizingException>(() => ClusterPlan.For(oneNode with { SweepCandidates = holds + 1 }));
        Assert.That(refused!.Message, Does.Contain($"a sweep of {holds + 1}").And.Contain($"sweep at most {holds} configurations"));
    }

    [Test]
    public void ClusterPlan_SweepThreads_ShareTheNodesVCpusAmongTheCandidatesOneNodeCanHold()
    {
        var node = InstanceCatalogue.Find("m5.2xlarge")!;
        var sizing = new SparkSizing { CoreInstance = node, CoreInstanceCount = 3 };

        Assert.That(ClusterPlan.For(sizing).SweepThreads, Is.EqualTo(0), "no sweep");
        Assert.That(ClusterPlan.For(sizing with { SweepCandidates = 2 }).SweepThreads, Is.EqualTo(node.VCpus / 2), "two may share a node");
        Assert.That(ClusterPlan.For(sizing with { SweepCandidates = 4 }).SweepThreads, Is.LessThanOrEqualTo(node.VCpus / 2).And.GreaterThanOrEqualTo(1));
        Assert.Throws<ArgumentException>(() => PipelineSteps.For(Locations, Sizing with { SweepCandidates = 1 }, "r1"));
        Assert.Throws<ArgumentException>(() => PipelineSteps.For(Locations, Sizing with { SweepCandidates = SparkSizing.MaxSweepCandidates + 1 }, "r1"));
    }
}
