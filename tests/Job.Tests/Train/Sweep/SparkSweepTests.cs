namespace MnistEmr.Job.Tests.Train.Sweep;

/// <summary>
/// The train step with a sweep, played as Spark would run its SQL (one process of the published binary per
/// partition, s3rver as S3): its three TRANSFORMs in order, and the choice compared with run-local's train.
/// </summary>
[TestFixture]
[Category("Published")]
public class SparkSweepTests
{
    private const string RunId = "spark-sweep";

    [Test]
    public async Task SweepStep_PlayedThroughTheRowProtocol_KeepsWhatRunLocalKeeps()
    {
        using var cluster = await SimulatedCluster.StartAsync(
            new SparkSizing { ExplodeShards = 2, EvaluatePartitions = 2, SweepCandidates = 3, SweepSeed = 5, CoreInstanceCount = 1 }, RunId);
        var (spark, locations, sizing) = (cluster.Spark, cluster.Locations, cluster.Sizing);
        var (formatA, models) = (cluster.FormatA, cluster.Models);
        await spark.TransformAsync(PipelineSteps.Explode.Name, Enumerable.Range(0, sizing.ExplodeShards).Select(i => new[] { N(i) }));

        // The data task: every train pair and the marker row in one task.
        var pairs = (await spark.FetchedAsync(PipelineSteps.Train.Name)).SelectMany(p => p).ToList();
        pairs.Add(SparkSimulator.Row(null, null, null));
        var data = (await spark.TransformAsync(PipelineSteps.Train.Name, [pairs], RowProtocol.SweepData)).Single();
        Assert.That(data[0], Is.EqualTo(RunId));
        Assert.That(int.Parse(data[4], CultureInfo.InvariantCulture) + int.Parse(data[5], CultureInfo.InvariantCulture), Is.EqualTo(RealSample.Train), "fit + validation");

        // The candidates: range(0, 3, 1, 3) is three partitions of one candidate each.
        var candidates = await spark.TransformAsync(PipelineSteps.Train.Name, Enumerable.Range(0, 3).Select(i => new[] { N(i) }), RowProtocol.SweepCandidate);
        Assert.That(candidates.Select(r => r[0]), Is.EqualTo(new[] { "0", "1", "2" }));
        Assert.That(candidates.Select(r => r[4]), Is.EqualTo(Enumerable.Range(0, 3).Select(i => models.UriFor(RunKeys.CandidateResult(RunId, i)))));

        // A candidate task run again (a lost executor's task is re-run) rewrites nothing and gives the same row.
        var again = await spark.TransformAsync(PipelineSteps.Train.Name, [[N(1)]], RowProtocol.SweepCandidate);
        Assert.That(again.Single(), Is.EqualTo(candidates[1]));

        // The pick: every candidate row and the marker row in one task; it writes the train step's usual row.
        var rows = candidates.Select(r => SparkSimulator.Row(r)).Append(SparkSimulator.Row(null, null, null, null, null)).ToList();
        var picked = (await spark.TransformAsync(PipelineSteps.Train.Name, [rows], RowProtocol.SweepPick)).Single();
        Assert.That(picked[1], Is.EqualTo(models.UriFor(RunKeys.Model(RunId))));
        var spark3 = JobJson.Deserialize<ModelCard>((await models.GetAsync(RunKeys.ModelCard(RunId), CancellationToken.None))!, "card");

        // run-local's train on the same tree, the same sweep: the same configurations, scores and choice.
        var local = await new TrainStage(formatA, models, SilentToolLog.Instance, TimeProvider.System)
            .RunAsync(new TrainerSettings(), new SweepSettings(3, 5), "local-sweep", CancellationToken.None);
        Assert.That(spark3.Sweep!.Kept, Is.EqualTo(local.Card.Sweep!.Kept));
        Assert.That(spark3.Sweep.Candidates.Select(c => c.Settings), Is.EqualTo(local.Card.Sweep.Candidates.Select(c => c.Settings)));
        Assert.That(spark3.Sweep.Candidates.Select(c => c.ValidationLogLoss), Is.EqualTo(local.Card.Sweep.Candidates.Select(c => c.ValidationLogLoss)).Within(0.005));
        Assert.That(spark3.TrainingData.DataHash, Is.EqualTo(local.Card.TrainingData.DataHash));
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
