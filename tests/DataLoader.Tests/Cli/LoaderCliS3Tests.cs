using Amazon.S3.Model;

namespace MnistEmr.DataLoader.Tests.Cli;

/// <summary>End to end through the command line against s3rver on loopback, with real HTTP mirrors.</summary>
[TestFixture]
public sealed class LoaderCliS3Tests : S3rverFixture
{
    private MirrorServer server = null!;
    private TempFolder temp = null!;
    private TestDataset dataset = null!;
    private string prefix = null!;

    [SetUp]
    public async Task SetUp()
    {
        server = await MirrorServer.StartAsync();
        temp = new TempFolder();
        dataset = TestDataset.Mnistlike();
        server.Serve("good", dataset.Files);
        prefix = $"run-{Guid.NewGuid():N}/mnist/";
    }

    [TearDown]
    public async Task TearDown()
    {
        await server.DisposeAsync();
        temp.Dispose();
    }

    [Test]
    public async Task Run_S3Target_UploadsByteForByteWithManifestAndPrintsS3Uris()
    {
        var run = await RunAsync($"s3://{S3rverProcess.Bucket}/{prefix}");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.OutLines, Is.EqualTo(dataset.Files.Keys.Append("manifest.json").Select(n => $"s3://{S3rverProcess.Bucket}/{prefix}{n}")));
        foreach (var (name, bytes) in dataset.Files)
        {
            Assert.That(await GetAsync(prefix + name), Is.EqualTo(bytes), name);
        }

        var manifest = ManifestSerializer.TryDeserialize(await GetAsync(prefix + "manifest.json"))!;
        Assert.That(manifest.Describes(dataset.Definition), Is.True);
        Assert.That(manifest.Files.Select(f => f.Source), Is.EqualTo(dataset.Files.Keys.Select(n => server.MirrorUrl("good") + n)));
    }

    [Test]
    public async Task Run_S3TargetSecondTime_DownloadsAndUploadsNothing()
    {
        await RunAsync($"s3://{S3rverProcess.Bucket}/{prefix}");
        var requests = server.Requests.Count;
        var modified = await LastModifiedAsync();

        var run = await RunAsync($"s3://{S3rverProcess.Bucket}/{prefix}");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Error, Does.Contain("nothing downloaded or uploaded"));
        Assert.That(server.Requests.Count, Is.EqualTo(requests));
        Assert.That(await LastModifiedAsync(), Is.EqualTo(modified));
    }

    [Test]
    public async Task Run_S3ManifestMissing_WritesOnlyTheManifestWithSourcesFromMetadata()
    {
        await RunAsync($"s3://{S3rverProcess.Bucket}/{prefix}");
        await S3.DeleteObjectAsync(S3rverProcess.Bucket, prefix + "manifest.json");
        var requests = server.Requests.Count;

        var run = await RunAsync($"s3://{S3rverProcess.Bucket}/{prefix}");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(server.Requests.Count, Is.EqualTo(requests));
        var manifest = ManifestSerializer.TryDeserialize(await GetAsync(prefix + "manifest.json"))!;
        Assert.That(manifest.Files.Select(f => f.Source), Is.EqualTo(dataset.Files.Keys.Select(n => server.MirrorUrl("good") + n)));
    }

    [Test]
    public async Task Run_BucketDoesNotExist_ExitsRemoteFailureBeforeDownloading()
    {
        var run = await RunAsync("s3://no-such-bucket/mnist/");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.RemoteFailure), run.ToString());
        Assert.That(run.ErrorLines[^1], Does.StartWith("error: S3 bucket 'no-such-bucket' does not exist"));
        Assert.That(server.Requests, Is.Empty);
    }

    [Test]
    public async Task Run_WrongCredentials_ExitsRemoteFailureWithAccessDeniedAndWritesNothing()
    {
        var run = await RunAsync($"s3://{S3rverProcess.Bucket}/{prefix}", new BasicAWSCredentials("NOT-A-KEY", "secret"));

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.RemoteFailure), run.ToString());
        Assert.That(run.ErrorLines[^1], Does.StartWith("error: S3 access denied").And.Contain("InvalidAccessKeyId"));
        Assert.That(await ListAsync(), Is.Empty);
        Assert.That(server.Requests, Is.Empty);
    }

    [Test]
    public async Task Run_EndpointUnreachable_ExitsRemoteFailure()
    {
        var run = await CliRun.RunAsync(
            $"--target s3://{S3rverProcess.Bucket}/{prefix} --dataset {dataset.WriteDefinition(temp.Path)} --mirror {server.MirrorUrl("good")} "
            + $"--endpoint http://127.0.0.1:{S3rverProcess.FreePort()} --retries 0");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.RemoteFailure), run.ToString());
        Assert.That(run.ErrorLines[^1], Does.StartWith($"error: S3 list s3://{S3rverProcess.Bucket}/{prefix} failed"));
        Assert.That(run.ErrorLines, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Run_EndpointNeverAnswers_ExitsRemoteFailureWithTimeout()
    {
        using var silent = new SilentTcpServer();

        var run = await CliRun.RunAsync(
            $"--target s3://{S3rverProcess.Bucket}/{prefix} --dataset {dataset.WriteDefinition(temp.Path)} --mirror {server.MirrorUrl("good")} "
            + $"--endpoint {silent.Endpoint} --timeout 1 --retries 0");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.RemoteFailure), run.ToString());
        Assert.That(run.ErrorLines[^1], Does.Contain("timed out after 1 s"));
    }

    [Test]
    public async Task Run_IntegrityFailure_WritesNothingToS3()
    {
        server.Serve("corrupt", dataset.Files.ToDictionary(f => f.Key, f => f.Key == TestDataset.TestLabels ? f.Value.Reverse().ToArray() : f.Value));

        var run = await CliRun.RunAsync(
            $"--target s3://{S3rverProcess.Bucket}/{prefix} --dataset {dataset.WriteDefinition(temp.Path)} --mirror {server.MirrorUrl("corrupt")} "
            + $"--endpoint {S3rver.Endpoint}");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.IntegrityFailure), run.ToString());
        Assert.That(run.ErrorLines[^1], Does.StartWith($"error: {TestDataset.TestLabels}: SHA-256 check failed"));
        Assert.That(await ListAsync(), Is.Empty);
    }

    private Task<CliRun> RunAsync(string target, AWSCredentials? credentials = null) => CliRun.RunAsync(
        $"--target {target} --dataset {dataset.WriteDefinition(temp.Path)} --mirror {server.MirrorUrl("good")} --endpoint {S3rver.Endpoint} --retries 0",
        credentials: credentials);

    private async Task<List<string>> ListAsync() =>
        (await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rverProcess.Bucket, Prefix = prefix })).S3Objects?
            .Select(o => o.Key).ToList() ?? [];

    private async Task<Dictionary<string, DateTime?>> LastModifiedAsync() =>
        (await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3rverProcess.Bucket, Prefix = prefix })).S3Objects
            .ToDictionary(o => o.Key, o => o.LastModified);
}
