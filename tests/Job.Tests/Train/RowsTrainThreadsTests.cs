namespace MnistEmr.Job.Tests.Train;

/// <summary>
/// <c>rows train --threads N</c>: the train step's task trains on exactly the threads the step planned, not on every
/// vCPU of the node its container runs on. The model card records the threads the trainer used.
/// </summary>
[TestFixture]
public class RowsTrainThreadsTests
{
    private TempFolder temp = null!;
    private string formatA = null!;
    private string pairRows = null!;

    [OneTimeSetUp]
    public async Task PairTheSample()
    {
        temp = new TempFolder();
        formatA = await TrainedSample.FormatAAsync();
        pairRows = await TrainedSample.TrainPairRowsAsync();
    }

    [OneTimeTearDown]
    public void CleanUp() => temp.Dispose();

    [TestCase(1)]
    [TestCase(3)]
    public async Task Threads_Given_TrainsOnExactlyThatManyAndRecordsThem(int threads)
    {
        var (code, error, card) = await TrainAsync($"--threads {threads}");

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(card!.RootElement.GetProperty("trainingThreads").GetInt32(), Is.EqualTo(threads));
        Assert.That(error, Does.Contain($"on {threads} LightGBM thread{(threads == 1 ? "," : "s,")}"));
    }

    [Test]
    public async Task Threads_NotGiven_EveryCoreAsBefore()
    {
        var (code, error, card) = await TrainAsync(string.Empty);

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(card!.RootElement.GetProperty("trainingThreads").GetInt32(), Is.EqualTo(Environment.ProcessorCount));
    }

    [TestCase("0")]
    [TestCase("1025")]
    public async Task Threads_OutOfRange_IsAUsageErrorBeforeAnyWork(string threads)
    {
        var (code, error, card) = await TrainAsync($"--threads {threads}");

        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain($"--threads must be from 1 to 1024, not {threads}"));
        Assert.That(card, Is.Null, "nothing trained");
    }

    private async Task<(int Code, string Error, JsonDocument? Card)> TrainAsync(string threadsOption)
    {
        var models = temp.Sub(Guid.NewGuid().ToString("N"));
        var error = new StringWriter();
        var environment = new ToolEnvironment { In = new StringReader(pairRows), Out = new StringWriter(), Error = error, Interactive = false };
        var args = $"rows train --format-a {formatA} --models {models} --run-id r1 --iterations 3 {threadsOption}".Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var code = await JobCli.RunAsync(args, environment);

        var card = Path.Combine(models, RunKeys.ModelCard("r1"));
        return (code, error.ToString(), File.Exists(card) ? JsonDocument.Parse(File.ReadAllBytes(card)) : null);
    }
}
