namespace MnistEmr.Job.Tests.Status;

/// <summary>
/// <c>status</c> against s3rver on loopback, over runs at each stage of completion: a complete run written by
/// run-local, an EMR-style run with its canary and explode done and no model yet, an explode cut short, and a run id
/// that does not exist.
/// </summary>
[TestFixture]
[NonParallelizable]
public class StatusS3Tests
{
    private const string Complete = "local1";
    private const string NoModel = "job-0123456789ab";
    private static readonly string Bucket = $"s3://{S3rverProcess.Bucket}";

    private S3rverProcess server = null!;
    private ObjectStoreFactory stores = null!;

    private string Nodes(string root = "") =>
        $"--format-a {Bucket}/{root}format-a --models {Bucket}/{root}models --reports {Bucket}/{root}reports --endpoint {server.Endpoint}";

    private IObjectStore Open(string prefix) => stores.Open(StoreLocation.Parse($"{Bucket}/{prefix}", "--test"));

    [OneTimeSetUp]
    public async Task WriteACompleteRun()
    {
        server = S3rverProcess.Start();
        stores = new ObjectStoreFactory(S3rverSettings.For(server));
        var source = Open("source");
        foreach (var file in RealSample.Files.Files)
        {
            await source.PutAsync(file.Name, file.Content, CancellationToken.None);
        }

        await source.PutAsync(DatasetDefinitionValidator.ManifestName, RealSample.Manifest, CancellationToken.None);
        var run = await CliRun.RunAsync(
            $"run-local --source {Bucket}/source {Nodes()} --shards 2 --iterations 20 --run-id {Complete}");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
    }

    [OneTimeTearDown]
    public void Stop()
    {
        stores?.Dispose();
        server?.Dispose();
    }

    [Test]
    public async Task Status_CompleteRun_ExitsZeroWithTheReportsHeadlineAndUri()
    {
        var report = JobJson.Deserialize<EvaluationReport>((await Open("reports").GetAsync(RunKeys.ReportJson(Complete), CancellationToken.None))!, "report.json");

        var run = await CliRun.RunAsync($"status {Nodes()} --source {Bucket}/source");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Does.Contain($"run {Complete}: complete"));
        Assert.That(run.Out, Does.Contain(report.Metrics.Accuracy.ToString("P2", CultureInfo.InvariantCulture)));
        Assert.That(run.Out, Does.Contain($"{Bucket}/reports/runs/{Complete}/report.html"));
        Assert.That(run.Out, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"train 2/2 shards, {RealSample.Train:N0} of {RealSample.Train:N0} digits")));
        Assert.That(run.Out, Does.Contain("scoring: not present"));
        Assert.That(run.Out, Does.Contain("aws emr list-steps --cluster-id <cluster-id>"));
        Assert.That(run.Out, Does.Not.Contain("missing"));
    }

    [Test]
    public async Task Status_EmrRunWithExplodeDoneAndNoModel_ExitsSixNamingWhatIsMissing()
    {
        // What the canary and explode steps commit for an EMR run (PipelineSteps: _runs/<run>/canary/ and explode/).
        await PutRowsAsync(Open("reports"), $"_runs/{NoModel}/canary/", """{"task":0,"probe":"job-process","passed":true,"detail":"ok"}""", """{"task":0,"probe":"lightgbm","passed":true,"detail":"ok"}""");
        await PutRowsAsync(Open("format-a"), $"_runs/{NoModel}/explode/", """{"shard":0,"split":"train","digits":300}""", """{"shard":1,"split":"train","digits":300}""");

        var run = await CliRun.RunAsync($"status {Nodes()} --run {NoModel} --json");

        Assert.That(run.ExitCode, Is.EqualTo(6), run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var steps = json.RootElement.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("step").GetString()!, s => s.GetProperty("state").GetString());
        Assert.That(steps["mnist-canary"], Is.EqualTo("done"));
        Assert.That(steps["mnist-explode"], Is.EqualTo("done"));
        Assert.That(steps["mnist-train"], Is.EqualTo("missing"));
        Assert.That(json.RootElement.GetProperty("complete").GetBoolean(), Is.False);
        Assert.That(json.RootElement.GetProperty("missing").EnumerateArray().Select(m => m.GetString()![..m.GetString()!.IndexOf(':')]),
            Is.EqualTo(new[] { "mnist-train", "mnist-evaluate", "mnist-report" }));
        Assert.That(json.RootElement.GetProperty("otherRuns").EnumerateArray().Select(r => r.GetString()), Does.Contain(Complete));
    }

    [Test]
    public async Task Status_ExplodeCutShort_ExitsSixNamingTheShards()
    {
        // One shard of two of each split, in a FORMAT A of its own; the canary rows make the run exist.
        var run = await CliRun.RunAsync($"explode --source {Bucket}/source --format-a {Bucket}/cut/format-a --shards 2 --shard 0 --endpoint {server.Endpoint}");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        await PutRowsAsync(Open("cut/reports"), "_runs/cut1/canary/", """{"task":0,"probe":"job-process","passed":true,"detail":"ok"}""");

        var status = await CliRun.RunAsync($"status {Nodes("cut/")}");

        Assert.That(status.ExitCode, Is.EqualTo(6), status.ToString());
        Assert.That(status.Out, Does.Contain("run cut1: incomplete"));
        Assert.That(status.Out, Does.Contain("missing mnist-explode: train: shard 1 not finished (1 of 2); test: shard 1 not finished (1 of 2)"));
    }

    [Test]
    public async Task Status_RunThatDoesNotExist_ExitsThreeNamingIt()
    {
        var run = await CliRun.RunAsync($"status {Nodes()} --run-id no-such-run");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error, Does.Contain("run 'no-such-run' does not exist").And.Contain(Complete));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public async Task Status_NoLocationsGiven_ReadsTheStacksTerraformOutputs()
    {
        var terraform = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "terraform")).FirstOrDefault(File.Exists);
        if (terraform is null)
        {
            if (Environment.GetEnvironmentVariable("MNIST_EMR_REQUIRE_TERRAFORM") == "1")
            {
                Assert.Fail("terraform is required (MNIST_EMR_REQUIRE_TERRAFORM=1) but is not on the PATH");
            }

            Assert.Ignore("terraform is not on the PATH");
        }

        // A stack folder as cdktf deploy leaves it: a local backend beside it, initialized, whose state has the outputs.
        using var folder = new TempFolder();
        var stack = Directory.CreateDirectory(Path.Combine(folder.Path, "stack")).FullName;
        File.WriteAllText(Path.Combine(stack, "cdk.tf.json"), """{"terraform":{"backend":{"local":{"path":"../terraform.tfstate"}}}}""");
        var outputs = new Dictionary<string, string>
        {
            [StackOutputs.OutputOf(PipelineNodes.Source)] = $"{Bucket}/source/", [StackOutputs.OutputOf(PipelineNodes.FormatA)] = $"{Bucket}/format-a/",
            [StackOutputs.OutputOf(PipelineNodes.Model)] = $"{Bucket}/models/", [StackOutputs.OutputOf(PipelineNodes.Report)] = $"{Bucket}/reports/", [StackOutputs.ClusterOutput] = "j-STATUSTEST",
        };
        var state = new { version = 4, terraform_version = "1.11.4", serial = 1, lineage = "status-test", outputs = outputs.ToDictionary(o => o.Key, o => new { value = o.Value, type = "string" }), resources = Array.Empty<object>() };
        File.WriteAllText(Path.Combine(folder.Path, "terraform.tfstate"), JsonSerializer.Serialize(state));
        var init = Process.Start(new ProcessStartInfo(terraform, "init -input=false -no-color") { WorkingDirectory = stack, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var initOutput = await init.StandardOutput.ReadToEndAsync() + await init.StandardError.ReadToEndAsync();
        await init.WaitForExitAsync();
        Assert.That(init.ExitCode, Is.EqualTo(0), initOutput);

        var run = await CliRun.RunAsync($"status --stack-dir {stack} --endpoint {server.Endpoint} --run-id {Complete}");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Does.Contain("aws emr list-steps --cluster-id j-STATUSTEST"));
        Assert.That(run.Out, Does.Contain($"{Bucket}/source/{DatasetDefinitionValidator.ManifestName}"), "S3|1 from the outputs: the loader's manifest is checked");

        // Without --run-id: the run the stack's steps run, even before its cluster has written anything.
        File.WriteAllText(Path.Combine(stack, "cdk.tf.json"), """{"terraform":{"backend":{"local":{"path":"../terraform.tfstate"}}},"locals":{"step_args":["--name","mnist-canary-job-fedcba987654"]}}""");
        var deployed = await CliRun.RunAsync($"status --stack-dir {stack} --endpoint {server.Endpoint}");

        Assert.That(deployed.ExitCode, Is.EqualTo(6), deployed.ToString());
        Assert.That(deployed.Out, Does.Contain("run job-fedcba987654: incomplete"));
        Assert.That(deployed.Out, Does.Contain($"missing mnist-train: no {Bucket}/models/runs/job-fedcba987654/model-card.json"));
    }

    [Test]
    public async Task Status_StackNotInitialized_SaysToDeploy()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "cdk.tf.json"), """{"terraform":{"backend":{"local":{"path":"x.tfstate"}}}}""");

        var run = await CliRun.RunAsync($"status --stack-dir {folder.Path}");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error, Does.Contain(folder.Path).And.Contain("--format-a, --models and --reports"));
    }

    private static async Task PutRowsAsync(IObjectStore store, string prefix, params string[] rows)
    {
        await store.PutAsync(prefix + "part-00000-c000.json", Encoding.UTF8.GetBytes(string.Join('\n', rows) + "\n"), CancellationToken.None);
        await store.PutAsync(prefix + "_SUCCESS", Array.Empty<byte>(), CancellationToken.None);
    }
}
