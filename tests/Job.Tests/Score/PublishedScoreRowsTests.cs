namespace MnistEmr.Job.Tests.Score;

/// <summary>The score step's row stages through the REAL published binary, fed as Spark's script transformation feeds them.</summary>
[TestFixture]
[Category("Published")]
public class PublishedScoreRowsTests : PublishedFixture
{
    private string models = null!;
    private string formatA = null!;

    [OneTimeSetUp]
    public async Task OpenTheTrainedSample()
    {
        var work = await TrainedSample.FolderAsync();
        models = Path.Combine(work, "models");
        formatA = Path.Combine(work, "format-a");
    }

    [Test]
    public async Task RowsScore_GoodAndBadPngs_OneRowEachRejectionsNamed()
    {
        var input = Temp.Sub("inbox");
        var digits = ScoreSample.TestDigits(formatA, 4);
        var files = new Dictionary<string, byte[]>
        {
            ["a/one.png"] = digits[0],
            ["a/b/two.png"] = digits[1],
            ["narrow.png"] = PngCodec.EncodeGray(new byte[27 * 28], 27, 28),
            ["colour.png"] = ScoreSample.Rgb(28, 28),
            ["corrupt.png"] = "GIF89a, not a PNG"u8.ToArray(),
        };
        var rows = files.Select(f => SparkSimulator.Row(SparkSimulator.Base64(Encoding.UTF8.GetBytes($"file:{input}/{f.Key}")), SparkSimulator.Base64(f.Value)));

        var run = await PublishedJob.RunAsync(
            ["rows", RowProtocol.Score, "--input", input, "--models", models, "--run-id", TrainedSample.RunId, "--batch", "2"],
            string.Concat(rows.Select(r => r + "\n")));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Rows, Has.Count.EqualTo(files.Count), "one row per input, batches of 2 included");
        Assert.That(run.Rows.All(r => r.Length == RowProtocol.ScoreOutput.Count), Is.True);
        var byKey = run.Rows.ToDictionary(r => r[0]);
        Assert.That(byKey.Keys, Is.EquivalentTo(files.Keys), "keys relative to the input");
        Assert.That(byKey.Where(r => r.Value[7] != "\\N").ToDictionary(r => r.Key, r => r.Value[7]),
            Is.EquivalentTo(new Dictionary<string, string> { ["narrow.png"] = "WrongSize", ["colour.png"] = "NotGrayscale", ["corrupt.png"] = "UndecodablePng" }));
        foreach (var key in new[] { "a/one.png", "a/b/two.png" })
        {
            var row = byKey[key];
            Assert.That(row[1], Does.Match("^[0-9]$"), key);
            Assert.That(new[] { row[1], row[3], row[5] }, Is.Unique, "three different digits");
            Assert.That(double.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(double.Parse(row[4], System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.That(byKey["narrow.png"][8], Does.Contain("27x28"));
    }

    [Test]
    public async Task RowsScore_EmptyInput_ExitsZeroWithNoRowsAndNoModelDownload()
    {
        var run = await PublishedJob.RunAsync(
            ["rows", RowProtocol.Score, "--input", Temp.Sub("none"), "--models", Temp.Sub("no-models"), "--run-id", "r1"], string.Empty);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public async Task RowsScoreSummary_MarkerRowOnly_WritesASummaryOfZeroInputs()
    {
        var reports = Temp.Sub("reports-empty");
        var marker = SparkSimulator.Row(new string?[RowProtocol.ScoreOutput.Count]);

        var run = await PublishedJob.RunAsync(
            ["rows", RowProtocol.ScoreSummary, "--input", Temp.Sub("inbox-empty"), "--models", models, "--reports", reports, "--run-id", "r1"], marker + "\n");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Rows.Single()[3..], Is.EqualTo(new[] { "0", "0", "0", "0" }));
        var summary = JobJson.Deserialize<ScoreSummary>(File.ReadAllBytes(Path.Combine(reports, "predictions", "r1", "summary.json")), "summary");
        Assert.That((summary.Inputs, summary.Scored, summary.Rejected), Is.EqualTo((0, 0, 0)));
        Assert.That(File.ReadAllText(Path.Combine(reports, "predictions", "r1", "predictions.jsonl")), Is.Empty);
    }
}
