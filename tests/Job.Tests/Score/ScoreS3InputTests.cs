namespace MnistEmr.Job.Tests.Score;

/// <summary>
/// <c>score --input</c> on S3 (s3rver on loopback): an object's key scores that object, as a file path scores that
/// file; a prefix scores what is under it, and a prefix with nothing under it is a run of 0 inputs.
/// </summary>
[TestFixture]
public class ScoreS3InputTests
{
    private static readonly string Bucket = $"s3://{S3rverProcess.Bucket}";
    private S3rverProcess server = null!;
    private TempFolder temp = null!;
    private string models = null!;

    [OneTimeSetUp]
    public async Task PutTwoDigits()
    {
        server = S3rverProcess.Start();
        temp = new TempFolder();
        var work = await TrainedSample.FolderAsync();
        models = Path.Combine(work, "models");
        var digits = ScoreSample.TestDigits(Path.Combine(work, "format-a"), 2);
        using var stores = new ObjectStoreFactory(S3rverSettings.For(server));
        var inbox = stores.Open(StoreLocation.Parse($"{Bucket}/inbox", "--test"));
        await inbox.PutAsync("a/digit.png", digits[0], CancellationToken.None);
        await inbox.PutAsync("b.png", digits[1], CancellationToken.None);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        server?.Dispose();
        temp?.Dispose();
    }

    [Test]
    public async Task Score_KeyOfOneObject_ScoresThatObjectAlone()
    {
        var run = await ScoreAsync($"{Bucket}/inbox/a/digit.png", "one");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That((run.Value("inputs"), run.Value("scored"), run.Value("rejected")), Is.EqualTo(("1", "1", "0")), run.ToString());
        Assert.That(File.ReadAllText(run.Value("predictions")), Does.StartWith("{\"key\":\"digit.png\""));
    }

    [Test]
    public async Task Score_Prefix_ScoresEveryObjectUnderIt()
    {
        var run = await ScoreAsync($"{Bucket}/inbox", "all");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That((run.Value("inputs"), run.Value("scored")), Is.EqualTo(("2", "2")), run.ToString());
    }

    [Test]
    public async Task Score_PrefixWithNothingUnderIt_IsARunOfNoInputs()
    {
        var run = await ScoreAsync($"{Bucket}/inbox/a/digit", "none");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Value("inputs"), Is.EqualTo("0"), run.ToString());
    }

    private Task<CliRun> ScoreAsync(string input, string output) =>
        CliRun.RunAsync($"score --model {models} --input {input} --output {temp.Sub(output)} --endpoint {server.Endpoint}");
}
