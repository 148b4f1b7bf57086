namespace MnistEmr.Job.Tests.Score;

/// <summary>
/// Every file under a scoring input is scored, rejected with a true reason, or listed as skipped with why; a file input
/// scores that file; a missing input is an error; <c>predict</c> and <c>score</c> give one file one answer.
/// </summary>
[TestFixture]
public class ScoreInputTruthTests
{
    private TempFolder temp = null!;
    private string work = null!;
    private byte[] digit = null!;

    private string Models => Path.Combine(work, "models");

    [OneTimeSetUp]
    public async Task Train()
    {
        temp = new TempFolder();
        work = await TrainedSample.FolderAsync();
        digit = ScoreSample.TestDigits(Path.Combine(work, "format-a"), 1)[0];
    }

    [OneTimeTearDown]
    public void CleanUp() => temp.Dispose();

    [Test]
    public async Task Score_NameNotUtf8_RejectedForItsNameNotAsDeleted()
    {
        var input = temp.Sub("not-utf8");
        Directory.CreateDirectory(input);
        await File.WriteAllBytesAsync(Path.Combine(input, "digit.png"), digit);
        // .NET cannot create such names: the shell writes the bytes 0xFF and 0xFE as they are.
        Shell($"cd '{input}' && cp digit.png \"$(printf 'bad\\377name.png')\" && mkdir \"$(printf 'folder\\376')\" && cp digit.png \"$(printf 'folder\\376')/inside.png\"");

        ScoreSummary summary;
        try
        {
            summary = await ScoreAsync(input, "out-not-utf8");
        }
        finally
        {
            // Nor can .NET delete them (the temp folder's Directory.Delete failed, and the folder stayed in /tmp).
            Shell($"rm -rf '{input}'");
        }

        Assert.That((summary.Inputs, summary.Scored, summary.Rejected), Is.EqualTo((3, 1, 2)), "the folder's file is not silently lost");
        Assert.That(summary.Rejections.Select(r => r.Reason), Is.All.EqualTo(RejectionReason.Unreadable));
        Assert.That(summary.Rejections.Select(r => r.Detail), Has.All.Contain("not valid UTF-8").And.All.Not.Contain("deleted"));
        Assert.That(summary.Rejections.Single(r => r.Key.StartsWith("folder", StringComparison.Ordinal)).Detail, Does.StartWith("a folder whose name"));
    }

    [Test]
    public async Task Score_TruncatedPng_ReasonSaysWhereTheFileEnds()
    {
        var input = temp.Sub("truncated");
        Directory.CreateDirectory(input);
        await File.WriteAllBytesAsync(Path.Combine(input, "cut.png"), digit[..60]);

        var summary = await ScoreAsync(input, "out-truncated");

        var rejection = summary.Rejections.Single();
        Assert.That(rejection.Reason, Is.EqualTo(RejectionReason.UndecodablePng));
        Assert.That(rejection.Detail, Does.Contain("truncated: the file ends after 60 bytes").And.Not.Contain("\\x00"));
    }

    [Test]
    public async Task Score_FilesTheScanSkips_EachListedWithWhyAndCounted()
    {
        var input = temp.Sub("skipped");
        foreach (var name in new[] { "good.png", "UPPER.PNG", ".hidden.png", "_under.png", "notes.txt", "_folder/inside.png" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(input, name))!);
            await File.WriteAllBytesAsync(Path.Combine(input, name), digit);
        }

        var run = await CliRun.RunAsync($"score --model {Models} --input {input} --output {temp.Sub("out-skipped")}");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That((run.Value("inputs"), run.Value("scored"), run.Value("rejected"), run.Value("skipped")), Is.EqualTo(("1", "1", "0", "5")));
        var summary = JobJson.Deserialize<ScoreSummary>(File.ReadAllBytes(run.Value("summary-json")), "summary");
        Assert.That(summary.SkippedFiles!.ToDictionary(f => f.Key, f => f.Reason), Is.EquivalentTo(new Dictionary<string, string>
        {
            [".hidden.png"] = "hidden: its name starts with '.' (skipped as Spark and Hadoop skip it)",
            ["UPPER.PNG"] = "not named *.png: the extension is matched case-sensitively, as S3 keys are; rename it to .png to score it",
            ["_folder/inside.png"] = "hidden: its folder '_folder' starts with '_' (skipped as Spark and Hadoop skip it)",
            ["_under.png"] = "hidden: its name starts with '_' (skipped as Spark and Hadoop skip it)",
            ["notes.txt"] = "not a .png file: only *.png files are scored",
        }));
        Assert.That(File.ReadAllText(run.Value("summary-md")), Does.Contain("5 other files were skipped").And.Contain("## Skipped files (5)").And.Contain("`UPPER.PNG`"));
    }

    [Test]
    public async Task Score_InputIsAPngFile_ScoresThatFile()
    {
        var file = temp.Sub("one/digit.png");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, digit);

        var run = await CliRun.RunAsync($"score --model {Models} --input {file} --output {temp.Sub("out-file")}");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That((run.Value("inputs"), run.Value("scored"), run.Value("rejected")), Is.EqualTo(("1", "1", "0")));
        Assert.That(File.ReadAllText(run.Value("predictions")), Does.StartWith("{\"key\":\"digit.png\""));
    }

    [Test]
    public async Task Score_InputDoesNotExist_ExitsThreeNamingItAndWritesNothing()
    {
        var output = temp.Sub("out-missing");

        var run = await CliRun.RunAsync($"score --model {Models} --input {temp.Sub("no-such-inbox")} --output {output}");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.RemoteFailure), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo($"error: --input {temp.Sub("no-such-inbox")}: no such file or folder"));
        Assert.That(Directory.Exists(output), Is.False);
    }

    [Test]
    public async Task PredictAndScore_SameFiles_SameAnswerForEach()
    {
        var input = temp.Sub("same");
        Directory.CreateDirectory(input);
        var files = new Dictionary<string, byte[]>
        {
            ["good.png"] = digit,
            ["rgb.png"] = ScoreSample.Rgb(28, 28),
            ["narrow.png"] = PngCodec.EncodeGray(new byte[27 * 28], 27, 28),
            ["cut.png"] = digit[..60],
            ["empty.png"] = [],
        };
        foreach (var (name, bytes) in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(input, name), bytes);
        }

        File.CreateSymbolicLink(Path.Combine(input, "link.png"), "good.png");
        var names = files.Keys.Append("link.png").Order(StringComparer.Ordinal).ToList();

        var predict = await CliRun.RunAsync($"predict --model {Models} {string.Join(' ', names.Select(n => Path.Combine(input, n)))}");
        var summary = await ScoreAsync(input, "out-same");

        Assert.That(predict.ExitCode, Is.EqualTo((int)ExitCode.IntegrityFailure), predict.ToString());
        var predicted = predict.OutLines.Select(l => l.Split('\t')).ToDictionary(f => Path.GetFileName(f[0]), f => f[1] == "rejected" ? f[2] : "digit " + f[1]);
        var scored = summary.Rejections.ToDictionary(r => r.Key, r => r.Detail);
        scored["good.png"] = "digit " + summary.CountsByDigit.Select((n, d) => (n, d)).Single(c => c.n == 1).d;
        Assert.That(predicted, Is.EquivalentTo(scored));
        Assert.That(summary.Rejections.ToDictionary(r => r.Key, r => r.Reason), Is.EquivalentTo(new Dictionary<string, RejectionReason>
        {
            ["rgb.png"] = RejectionReason.NotGrayscale,
            ["narrow.png"] = RejectionReason.WrongSize,
            ["cut.png"] = RejectionReason.UndecodablePng,
            ["empty.png"] = RejectionReason.EmptyFile,
            ["link.png"] = RejectionReason.SymbolicLink,
        }));
    }

    [Test]
    public async Task Predict_EmptyFileArgument_UsageErrorExitTwo()
    {
        var run = await CliRun.RunAsync($"predict --model {Models} \"\"");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.UsageError), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo("error: predict: a file argument is empty (\"\"): name each PNG file to classify"));
    }

    [Test]
    public async Task Predict_ModelIsAFileThatIsNoModel_SaysSoExitFour()
    {
        var notes = temp.Sub("notes.txt");
        await File.WriteAllTextAsync(notes, "not a model");

        var run = await CliRun.RunAsync($"predict --model {notes} {notes}");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.IntegrityFailure), run.ToString());
        Assert.That(run.Error.Trim(), Does.StartWith($"error: {notes} is not a model written by this job"));
    }

    [Test]
    public async Task Score_Cancelled_SaysWhatItLeftWithoutShards()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Directory.CreateDirectory(temp.Sub("anything"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var code = await JobCli.RunAsync(
            ["score", "--model", Models, "--input", temp.Sub("anything"), "--output", temp.Sub("out-cancelled")],
            new ToolEnvironment { Out = output, Error = error, Interactive = false },
            cancelled.Token);

        Assert.That(code, Is.EqualTo((int)ExitCode.Cancelled), error.ToString());
        Assert.That(error.ToString().Trim(), Does.EndWith("error: cancelled; nothing complete was written (summary.json comes last): run score again"));
    }

    private async Task<ScoreSummary> ScoreAsync(string input, string output)
    {
        var run = await CliRun.RunAsync($"score --model {Models} --input {input} --output {temp.Sub(output)}");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        return JobJson.Deserialize<ScoreSummary>(File.ReadAllBytes(run.Value("summary-json")), "summary");
    }

    private static void Shell(string script)
    {
        using var shell = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardError = true })!;
        var error = shell.StandardError.ReadToEnd();
        shell.WaitForExit();
        Assert.That(shell.ExitCode, Is.EqualTo(0), error);
    }
}
