namespace MnistEmr.Job.Tests.Train;

/// <summary>
/// The train step's task as EMR runs it, through the REAL published binary: its entry point put the OpenMP wait
/// policy in the native environment before LightGBM loaded (the value logged is read through libc's getenv, as
/// libgomp reads it), a user's value stays, and <c>--threads</c> reaches the trainer.
/// </summary>
[TestFixture]
[Category("Published")]
public class PublishedTrainRowsTests : PublishedFixture
{
    private string formatA = null!;
    private string pairRows = null!;

    [OneTimeSetUp]
    public async Task PairTheSample()
    {
        formatA = await TrainedSample.FormatAAsync();
        pairRows = await TrainedSample.TrainPairRowsAsync();
    }

    [Test]
    public async Task RowsTrain_WaitPolicyNotSet_StartsPassiveAndTrainsOnTheGivenThreads()
    {
        var models = Temp.Sub("passive");

        var run = await PublishedJob.RunAsync(
            ["rows", "train", "--format-a", formatA, "--models", models, "--run-id", "r1", "--iterations", "2", "--threads", "1"], pairRows);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        // The binary inherits this process's environment: a value set for the whole test run is a user's, and is kept.
        var expected = Environment.GetEnvironmentVariable(OpenMpWaitPolicy.Variable) is { Length: > 0 } users ? users : "PASSIVE";
        Assert.That(run.Error, Does.Contain($"on 1 LightGBM thread, OMP_WAIT_POLICY={expected}"));
        using var card = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(models, RunKeys.ModelCard("r1"))));
        Assert.That(card.RootElement.GetProperty("trainingThreads").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task RowsTrain_UserSetTheWaitPolicy_KeepsTheirs()
    {
        var run = await PublishedJob.RunAsync(
            ["rows", "train", "--format-a", formatA, "--models", Temp.Sub("active"), "--run-id", "r1", "--iterations", "2", "--threads", "2"],
            pairRows,
            new Dictionary<string, string> { [OpenMpWaitPolicy.Variable] = "ACTIVE" });

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Error, Does.Contain("on 2 LightGBM threads, OMP_WAIT_POLICY=ACTIVE"));
    }
}
