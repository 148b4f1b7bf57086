using MnistEmr.Job.Tests.Bench;

namespace MnistEmr.Job.Tests.Shared.Cli;

[TestFixture]
public class JobCliTests
{
    [Test]
    public async Task Help_Root_ListsStagesAndExitCodes()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Does.Contain("run-local").And.Contain("explode").And.Contain("4    data integrity"));
    }

    // Developer-only commands live in mnist-emr-bench (BenchCliTests), not in the binary shipped to EMR.
    [TestCase("prepare-sample")]
    [TestCase("bench")]
    public async Task DeveloperCommand_IsNotInTheShippedJob(string command)
    {
        var help = await CliRun.RunAsync("--help");
        var run = await CliRun.RunAsync($"{command} --out x");

        Assert.That(help.Out, Does.Not.Contain(command + " "));
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.StartWith("error: "));
    }

    [TestCase("explode")]
    [TestCase("train")]
    [TestCase("evaluate")]
    [TestCase("predict")]
    [TestCase("run-local")]
    public async Task Help_EachCommand_ExitsZeroWithOptions(string command)
    {
        var run = await CliRun.RunAsync($"{command} --help");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Does.Contain("--verbose"));
    }

    [TestCase("run-local --source x --work y --bogus")]
    [TestCase("run-local --work y")]
    [TestCase("explode --source x --format-a y --shards notanumber")]
    [TestCase("")]
    public async Task Parse_BadArguments_IsUsageError(string commandLine)
    {
        var run = await CliRun.RunAsync(commandLine);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.StartWith("error: "));
    }

    // System.CommandLine reported "Required command was not provided" first, which hid the word it did not know.
    [TestCase("--bogus", "unknown option '--bogus' of mnist-emr-job: give one of its commands first (explode, train, evaluate, predict, score, run-local, rows, status)")]
    [TestCase("bogus", "'bogus' is not a command of mnist-emr-job: one of explode, train, evaluate, predict, score, run-local, rows, status")]
    [TestCase("rows bogus", "'bogus' is not a command of rows: one of list, fetch, canary, canary-probe, canary-verdict, explode, train, sweep-data, sweep-candidate, sweep-pick, predict, report, score, score-summary")]
    public async Task Parse_UnknownCommandOrOption_NamesItAndTheCommands(string commandLine, string message)
    {
        var run = await CliRun.RunAsync(commandLine);

        run.AssertUsageError(message);
    }

    // System.CommandLine named the .NET type ("as expected type 'System.Nullable`1[System.Int32]'"), which says nothing to a user.
    [TestCase("explode --source x --format-a y --shard abc", "Cannot parse argument 'abc' for option '--shard': expected a whole number")]
    [TestCase("explode --source x --format-a y --shards abc", "Cannot parse argument 'abc' for option '--shards': expected a whole number")]
    [TestCase("train --format-a x --models y --learning-rate fast", "Cannot parse argument 'fast' for option '--learning-rate': expected a number")]
    public async Task Parse_ValueOfTheWrongType_SaysWhatTheOptionTakesNotTheDotNetType(string commandLine, string message)
    {
        var run = await CliRun.RunAsync(commandLine);

        run.AssertUsageError(message);
        Assert.That(run.Error, Does.Not.Contain("System."));
    }

    [Test]
    public async Task Version_PrintsTheInformationalVersion()
    {
        var run = await CliRun.RunAsync("--version");

        run.AssertPrintsVersion();
    }

    // Each of these used to write a local folder (./s3:/..., \\relative\dir, ./s3:) and exit 0.
    [TestCase("explode --source s3:/bucket-1/x --format-a {0}", "--source 's3:/bucket-1/x' is not a valid S3 URI")]
    [TestCase("explode --source {1} --format-a file://relative/dir", "--format-a 'file://relative/dir' names the host 'relative'")]
    public async Task Locations_Malformed_AreUsageErrorsAndWriteNothing(string commandLine, string message)
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, commandLine, temp.Sub("out"), RealSample.Source));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error.Trim(), Does.StartWith($"error: {message}"));
        Assert.That(Directory.EnumerateFileSystemEntries(temp.Path), Is.Empty, "nothing written");
        Assert.That(Directory.EnumerateFileSystemEntries(Directory.GetCurrentDirectory()).Where(e => Path.GetFileName(e).StartsWith("s3:", StringComparison.Ordinal) || Path.GetFileName(e).StartsWith('\\')),
            Is.Empty, "no folder named after the URI");
    }

    [Test]
    public async Task Explode_ShardOutOfRange_IsUsageErrorInOneLine()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync($"explode --source {RealSample.Source} --format-a {temp.Path} --shard 5 --shards 2");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo("error: --shard must be between 0 and 1, not 5"));
    }

    [TestCase("explode --source {0} --format-a {1} --shards 0", "0")]
    [TestCase("explode --source {0} --format-a {1} --shards -3", "-3")]
    [TestCase("explode --source {0} --format-a {1} --shards 100000000", "100000000")]
    [TestCase("explode --source {0} --format-a {1} --shards 10001 --shard 0", "10001")]
    [TestCase("run-local --source {0} --work {1} --shards 0", "0")]
    [TestCase("run-local --source {0} --work {1} --shards -3", "-3")]
    [TestCase("run-local --source {0} --work {1} --shards 100000000", "100000000")]
    [TestCase("rows explode --source {0} --format-a {1} --shards 0", "0")]
    public async Task Shards_OutOfBounds_IsOneUsageLineAndNothingWritten(string commandLine, string shards)
    {
        using var temp = new TempFolder();

        // A source that does not exist: were the bound ever lost, the command would stop on the missing source at once
        // instead of writing a manifest for each of 100,000,000 shards (one such run once filled the disk).
        var run = await CliRun.RunAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, commandLine, temp.Sub("no-source"), temp.Sub("out")));

        run.AssertUsageError($"--shards must be from 1 to 10000, not {shards}");
        Assert.That(Directory.Exists(temp.Sub("out")), Is.False, "nothing written");
    }

    [TestCase("--learning-rate NaN", "--learning-rate must be above 0 and at most 1, not NaN")]
    [TestCase("--learning-rate Infinity", "--learning-rate must be above 0 and at most 1, not Infinity")]
    [TestCase("--learning-rate 0", "--learning-rate must be above 0 and at most 1, not 0")]
    [TestCase("--learning-rate 1.5", "--learning-rate must be above 0 and at most 1, not 1.5")]
    [TestCase("--iterations 0", "--iterations must be from 1 to 100000, not 0")]
    [TestCase("--leaves 1", "--leaves must be from 2 to 131072, not 1")]
    [TestCase("--retries -1", "--retries must be from 0 to 100, not -1")]
    [TestCase("--timeout 0", "--timeout must be from 1 to 3600 seconds, not 0")]
    public async Task Train_OutOfRangeOption_IsRefusedWhileParsing(string option, string message)
    {
        using var temp = new TempFolder();

        var train = await CliRun.RunAsync($"train --format-a {RealSample.Source} --models {temp.Sub("models")} {option}");
        var runLocal = await CliRun.RunAsync($"run-local --source {RealSample.Source} --work {temp.Sub("work")} {option}");

        train.AssertUsageError(message);
        runLocal.AssertUsageError(message);
        Assert.That(Directory.Exists(temp.Sub("work")), Is.False, "nothing exploded");
    }

    [Test]
    public async Task Shards_Default_IsTheSameInExplodeAndRunLocal()
    {
        var explode = await CliRun.RunAsync("explode --help");
        var runLocal = await CliRun.RunAsync("run-local --help");

        string ShardsLine(CliRun run) => run.Out.Split('\n').Single(l => l.TrimStart().StartsWith("--shards", StringComparison.Ordinal));
        Assert.That(ShardsLine(explode), Does.Contain("[default: 8]").And.Contain("1 to 10000"));
        Assert.That(ShardsLine(runLocal), Does.Contain("[default: 8]").And.Contain("1 to 10000"));
    }

    [Test]
    public async Task Explode_OneShard_PrintsItsManifest()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync($"explode --source {RealSample.Source} --format-a {temp.Path} --split test --shard 1 --shards 4");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.OutLines.Single(), Does.EndWith("_manifests/test/shard-00001-of-00004.json"));
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(run.OutLines.Single()));
        Assert.That(manifest.RootElement.GetProperty("pngKeys").GetArrayLength(), Is.EqualTo(RealSample.Test / 4));
    }

    [Test]
    public async Task RunLocal_CorruptIdx_FailsWithIntegrityNamingFile()
    {
        using var temp = new TempFolder();
        var source = temp.Sub("source");
        Directory.CreateDirectory(source);
        foreach (var file in Directory.GetFiles(RealSample.Source))
        {
            File.Copy(file, Path.Combine(source, Path.GetFileName(file)));
        }

        File.WriteAllBytes(Path.Combine(source, "train-labels-idx1-ubyte.gz"), Idx.Gzip(Idx.Labels(1, 2, 3)));

        var run = await CliRun.RunAsync($"run-local --source {source} --work {temp.Sub("work")}");

        Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
        Assert.That(run.Error, Does.Contain("train-labels-idx1-ubyte.gz: images/labels count check failed").Or.Contain("train-labels-idx1-ubyte.gz"));
        Assert.That(run.Error.Split('\n').Count(l => l.StartsWith("error:", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace without --verbose");
    }

    [Test]
    public async Task RunLocal_MissingSource_IsRemoteFailure()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync($"run-local --source {temp.Sub("nothing")} --work {temp.Sub("work")}");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error, Does.Contain("train-images-idx3-ubyte.gz does not exist"));
    }

    [Test]
    public async Task Train_EmptyTree_IsIntegrityFailure()
    {
        using var temp = new TempFolder();
        // The FORMAT A folder exists and holds nothing: an empty tree (4). It used not to exist here, which was taken
        // for an empty tree too; a missing folder is now "no such folder" (3), as a missing bucket is on S3 (below).
        Directory.CreateDirectory(temp.Sub("fa"));

        var run = await CliRun.RunAsync($"train --format-a {temp.Sub("fa")} --models {temp.Sub("models")}");

        Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
        Assert.That(run.Error, Does.Contain("no usable training digits").And.Contain("empty tree"));
    }

    [Test]
    public async Task Train_FormatAFolderMissing_IsNoSuchFolderNotAnEmptyTree()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync($"train --format-a {temp.Sub("typo")} --models {temp.Sub("models")}");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo($"error: {temp.Sub("typo")}: no such folder"));
        Assert.That(Directory.Exists(temp.Sub("models")), Is.False, "nothing written");
    }

    [Test]
    public async Task Predict_ModelThatDoesNotExist_SaysThereIsNoSuchModel()
    {
        using var temp = new TempFolder();
        var png = temp.Sub("x.png");
        File.WriteAllBytes(png, BlankDigit());

        var run = await CliRun.RunAsync($"predict --model {temp.Sub("nope.zip")} {png}");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error.Trim(), Does.StartWith($"error: --model {temp.Sub("nope.zip")}: no such model file or folder"));
        Assert.That(run.Error, Does.Not.Contain("latest.json"));
    }

    [Test]
    public async Task Explode_Finished_PrintsOneSummaryLineWithDigitsShardsAndSeconds()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync($"explode --source {RealSample.Source} --format-a {temp.Path} --shards 2");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Error, Does.Match(
            $@"explode: wrote {RealSample.Train} train and {RealSample.Test} test digits \(2 shards per split\) to {System.Text.RegularExpressions.Regex.Escape(temp.Path)} in \d+\.\d s"));
    }

    [Test]
    public async Task Evaluate_NoModel_IsRemoteFailure()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync($"evaluate --format-a {temp.Sub("fa")} --models {temp.Sub("models")} --reports {temp.Sub("r")}");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error, Does.Contain("latest.json does not exist"));
    }

    private static byte[] BlankDigit() => MnistEmr.Job.Shared.Digits.PngCodec.EncodeGray(new byte[28 * 28], 28, 28);
}
