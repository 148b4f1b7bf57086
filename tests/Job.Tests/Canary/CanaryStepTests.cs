namespace MnistEmr.Job.Tests.Canary;

/// <summary>
/// The canary step through the real published binary over s3rver: every failure a first run can meet gives one
/// line naming the check and a non-zero exit, with the check rows written first.
/// </summary>
[TestFixture]
[Category("Published")]
public class CanaryStepTests
{
    private const string RunId = "canary-run";

    [Test]
    public async Task Canary_NoManifest_FailsNamingTheManifestCheck()
    {
        var verdict = await PlayAsync(withManifest: false);

        Assert.That(verdict.ExitCode, Is.EqualTo((int)ExitCode.IntegrityFailure), verdict.ToString());
        Assert.That(ErrorLines(verdict), Has.Count.EqualTo(1));
        Assert.That(ErrorLines(verdict)[0], Does.StartWith("error: canary: 1 of ").And.Contain("S3|1 manifest (task 0)").And.Contain("manifest.json does not exist"));
    }

    [Test]
    public async Task Canary_ManifestSizesDiffer_FailsNamingTheFile()
    {
        var verdict = await PlayAsync(withManifest: true, corruptTrainLabels: true);

        Assert.That(verdict.ExitCode, Is.EqualTo((int)ExitCode.IntegrityFailure), verdict.ToString());
        Assert.That(ErrorLines(verdict).Single(), Does.Contain("S3|1 manifest (task 0)").And.Contain("train-labels-idx1-ubyte.gz: size check failed"));
    }

    [Test]
    public async Task Canary_ModelBucketNotWritable_FailsNamingTheNodeInEveryTask()
    {
        var verdict = await PlayAsync(withManifest: true, modelsBucket: "no-such-bucket");

        Assert.That(verdict.ExitCode, Is.EqualTo((int)ExitCode.IntegrityFailure), verdict.ToString());
        var line = ErrorLines(verdict).Single();
        Assert.That(line, Does.StartWith("error: canary: 2 of "));
        Assert.That(line, Does.Contain("write S3|4 (task 0)").And.Contain("write S3|4 (task 1)"));
        Assert.That(line, Does.Not.Contain("write S3|2"));
    }

    [Test]
    public async Task Canary_AllGood_Passes_ButTwoCoreNodesPlannedAndOneReported_FailsNamingIt()
    {
        var passed = await PlayAsync(withManifest: true);
        Assert.That(passed.ExitCode, Is.EqualTo(0), passed.ToString());

        // The same checks, all passing, from this one host while the plan has two core nodes.
        var verdict = await PlayAsync(withManifest: true, coreNodes: 2);

        Assert.That(verdict.ExitCode, Is.EqualTo((int)ExitCode.IntegrityFailure), verdict.ToString());
        Assert.That(ErrorLines(verdict).Single(), Does.StartWith("error: canary: 1 of ")
            .And.Contain($"ran on 1 host ({Environment.MachineName}) of the 2 core nodes planned"));
    }

    [Test]
    public async Task Canary_LogDirsSet_KeepsTheWholeLogInAFileOnSuccessAndOnFailure()
    {
        using var logs = new TempFolder();
        var verdict = await PlayAsync(withManifest: false, logDirs: $"{logs.Path},/nonexistent-second-dir");

        Assert.That(verdict.ExitCode, Is.Not.EqualTo(0));
        var files = Directory.GetFiles(logs.Path).Select(Path.GetFileName).ToList();
        Assert.That(files, Has.Some.Match(@"^mnist-emr-job-canary-\d+\.log$"), "each task's log, although each succeeded");
        Assert.That(files, Has.Some.Match(@"^mnist-emr-job-canary-verdict-\d+\.log$"));
        var canaryLog = File.ReadAllText(Directory.GetFiles(logs.Path, "mnist-emr-job-canary-*.log").First(f => !f.Contains("verdict") && !f.Contains("probe")));
        Assert.That(canaryLog, Does.Contain("rows canary: task"));
        var verdictLog = File.ReadAllText(Directory.GetFiles(logs.Path, "mnist-emr-job-canary-verdict-*.log").Single());
        Assert.That(verdictLog, Does.Contain("error: canary:"), "the failure line is in the file too");
    }

    private static List<string> ErrorLines(ProcessRun run) =>
        run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();

    private static async Task<ProcessRun> PlayAsync(bool withManifest, bool corruptTrainLabels = false, string? modelsBucket = null, string? logDirs = null, int coreNodes = 1)
    {
        _ = PublishedJob.Folder;
        using var server = S3rverProcess.Start();
        using var stores = new ObjectStoreFactory(S3rverSettings.For(server));
        var bucket = $"s3://{S3rverProcess.Bucket}";
        var locations = FourLocations.Of(
            $"{bucket}/source/", $"{bucket}/format-a/", $"s3://{modelsBucket ?? S3rverProcess.Bucket}/models/", $"{bucket}/reports/");
        var source = stores.Open(StoreLocation.Parse(locations.SourceUri, "--source"));
        foreach (var file in RealSample.Files.Files)
        {
            var content = corruptTrainLabels && file.Name == MnistFiles.TrainLabels ? file.Content[..^1] : file.Content;
            await source.PutAsync(file.Name, content, CancellationToken.None);
        }

        if (withManifest)
        {
            await source.PutAsync(MnistEmr.Common.SourceData.DatasetDefinitionValidator.ManifestName, RealSample.Manifest, CancellationToken.None);
        }

        var environment = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "S3RVER", ["AWS_SECRET_ACCESS_KEY"] = "S3RVER" };
        if (logDirs is not null)
        {
            environment["LOG_DIRS"] = logDirs;
        }

        // Every process runs on this one machine: one core node planned, so its host is the one that must report.
        var sizing = new SparkSizing { CoreInstanceCount = coreNodes };
        var spark = new SparkSimulator(PipelineSteps.For(locations, sizing, RunId), ["--endpoint", server.Endpoint.ToString(), "--retries", "0"], environment);
        return await CanaryPlay.RunAsync(spark, tasks: 2);
    }
}
