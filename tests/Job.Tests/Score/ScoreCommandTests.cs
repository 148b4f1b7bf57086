namespace MnistEmr.Job.Tests.Score;

/// <summary><c>score</c> on the local engine, against folders, with a model run-local trained.</summary>
[TestFixture]
public class ScoreCommandTests
{
    private TempFolder temp = null!;
    private string work = null!;

    private string Models => Path.Combine(work, "models");

    [OneTimeSetUp]
    public async Task Train()
    {
        temp = new TempFolder();
        work = await TrainedSample.FolderAsync();
    }

    [OneTimeTearDown]
    public void CleanUp() => temp.Dispose();

    [Test]
    public async Task Score_GoodAndBadImages_EveryInputScoredOrRejectedAndCounted()
    {
        var input = temp.Sub("inbox");
        var digits = ScoreSample.TestDigits(Path.Combine(work, "format-a"), 7);
        var good = await ScoreSample.WriteAsync(new FolderObjectStore(new FolderStoreLocation(input)), digits);
        var output = temp.Sub("out");

        var run = await CliRun.RunAsync($"score --model {Models} --input {input} --output {output}");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That((run.Value("run-id"), run.Value("inputs"), run.Value("scored"), run.Value("rejected"), run.Value("skipped")),
            Is.EqualTo((TrainedSample.RunId, "10", "7", "3", "2")), "inputs = scored + rejected; the hidden file and notes.txt are not inputs, but listed as skipped");
        var lines = File.ReadAllLines(Path.Combine(output, "predictions", TrainedSample.RunId, "predictions.jsonl"));
        var parsed = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(parsed.Select(p => p.GetProperty("key").GetString()), Is.EqualTo(good.Order(StringComparer.Ordinal)));

        // The same forest scoring as predict: the same digit for each file.
        var predict = await CliRun.RunAsync($"predict --model {Models} {string.Join(' ', good.Order(StringComparer.Ordinal).Select(k => Path.Combine(input, k)))}");
        Assert.That(predict.ExitCode, Is.EqualTo(0), predict.ToString());
        Assert.That(parsed.Select(p => p.GetProperty("digit").GetInt32().ToString(CultureInfo.InvariantCulture)),
            Is.EqualTo(predict.OutLines.Select(l => l.Split('\t')[1])));
        foreach (var line in parsed)
        {
            var top = line.GetProperty("top").EnumerateArray().Select(t => (Digit: t.GetProperty("digit").GetInt32(), P: t.GetProperty("probability").GetDouble())).ToList();
            Assert.That(top, Has.Count.EqualTo(3));
            Assert.That(top[0], Is.EqualTo((line.GetProperty("digit").GetInt32(), line.GetProperty("confidence").GetDouble())));
            Assert.That(top.Select(t => t.P), Is.Ordered.Descending);
            Assert.That(top.Select(t => t.Digit), Is.Unique);
        }

        var summary = JobJson.Deserialize<ScoreSummary>(File.ReadAllBytes(run.Value("summary-json")), "summary");
        Assert.That(summary.Inputs, Is.EqualTo(summary.Scored + summary.Rejected));
        Assert.That(summary.CountsByDigit.Sum(), Is.EqualTo(7));
        Assert.That(summary.ModelUri, Does.EndWith($"runs/{TrainedSample.RunId}/model.zip"));
        Assert.That(summary.Rejections.ToDictionary(r => r.Key, r => r.Reason), Is.EquivalentTo(ScoreSample.Rejected));
        var markdown = File.ReadAllText(run.Value("summary-md"));
        Assert.That(markdown, Does.Contain("10 inputs = 7 scored + 3 rejected").And.Contain("bad/colour.png").And.Contain("NotGrayscale"));
    }

    [Test]
    public async Task ScoreAndPredict_OptionNamesOfTrainAndStatus_NameTheSameModelAndRun()
    {
        // train writes to --models and names its --run-id; status reads --run-id or --run: either spelling works here too.
        var input = temp.Sub("inbox-names");
        var digit = ScoreSample.TestDigits(Path.Combine(work, "format-a"), 1);
        var good = await ScoreSample.WriteAsync(new FolderObjectStore(new FolderStoreLocation(input)), digit);
        var file = Path.Combine(input, good.Single());

        var score = await CliRun.RunAsync($"score --models {Models} --run-id {TrainedSample.RunId} --input {file} --output {temp.Sub("out-names")}");
        var predict = await CliRun.RunAsync($"predict --models {Models} --run {TrainedSample.RunId} {file}");
        var usual = await CliRun.RunAsync($"predict --model {Models} --run-id {TrainedSample.RunId} {file}");

        Assert.That(score.ExitCode, Is.EqualTo(0), score.ToString());
        Assert.That((score.Value("run-id"), score.Value("scored")), Is.EqualTo((TrainedSample.RunId, "1")));
        Assert.That(predict.ExitCode, Is.EqualTo(0), predict.ToString());
        Assert.That(predict.Out, Is.EqualTo(usual.Out).And.Contain(file));
    }

    [Test]
    public async Task Score_EmptyInputFolder_ZeroInputsExitZero()
    {
        var input = temp.Sub("inbox-empty");
        Directory.CreateDirectory(input);

        var output = temp.Sub("out-empty");
        var run = await CliRun.RunAsync($"score --model {Models} --run {TrainedSample.RunId} --input {input} --output {output}");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That((run.Value("inputs"), run.Value("scored"), run.Value("rejected")), Is.EqualTo(("0", "0", "0")));
        Assert.That(File.ReadAllText(run.Value("predictions")), Is.Empty);
        Assert.That(File.ReadAllText(run.Value("summary-md")), Does.Contain("0 inputs").And.Contain("nothing to score"));
    }

    [Test]
    public async Task Score_NoModel_IsARemoteFailure()
    {
        Directory.CreateDirectory(temp.Sub("x"));
        var run = await CliRun.RunAsync($"score --model {temp.Sub("no-models")} --input {temp.Sub("x")} --output {temp.Sub("y")}");

        Assert.That(run.ExitCode, Is.EqualTo((int)MnistEmr.Common.Cli.ExitCode.RemoteFailure), run.ToString());
        Assert.That(run.Error, Does.Contain("latest.json does not exist"));
    }
}
