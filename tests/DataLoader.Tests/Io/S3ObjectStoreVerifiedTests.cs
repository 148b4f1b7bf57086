namespace MnistEmr.DataLoader.Tests.Io;

[TestFixture]
public sealed class S3ObjectStoreVerifiedTests : S3rverFixture
{
    [Test]
    public async Task PutAsync_SinglePart_RoundTripsByteForByteWithMetadata()
    {
        var location = NewLocation();
        var target = new S3ObjectStore(S3, location, TimeSpan.FromSeconds(10));
        var bytes = Idx.GzipImages(20, 28, 28);
        var sha256 = TestDataset.Sha256Of(bytes);

        await target.PutVerifiedAsync("a.gz", new MemoryStream(bytes), sha256, "https://mirror/a.gz", null, CancellationToken.None);

        Assert.That(await GetAsync(location.KeyFor("a.gz")), Is.EqualTo(bytes));
        Assert.That(await target.HeadAsync("a.gz", CancellationToken.None), Is.EqualTo(new StoredObject(bytes.Length, sha256, "https://mirror/a.gz")));
    }

    [Test]
    public async Task PutAsync_Multipart_RoundTripsByteForByte()
    {
        var location = NewLocation();
        var target = new S3ObjectStore(S3, location, TimeSpan.FromSeconds(10), multipartThreshold: 100_000, partSize: 64 * 1024);
        var bytes = new byte[300_000];
        new Random(42).NextBytes(bytes);
        long reported = 0;

        await target.PutVerifiedAsync("big.gz", new MemoryStream(bytes), TestDataset.Sha256Of(bytes), null, new Progress(v => reported = v), CancellationToken.None);

        Assert.That(await GetAsync(location.KeyFor("big.gz")), Is.EqualTo(bytes));
        Assert.That(reported, Is.EqualTo(bytes.Length));
        Assert.That((await target.HeadAsync("big.gz", CancellationToken.None))!.Sha256, Is.EqualTo(TestDataset.Sha256Of(bytes)));
    }

    [Test]
    public async Task FindAsync_MissingObject_ReturnsNull()
    {
        var target = new S3ObjectStore(S3, NewLocation(), TimeSpan.FromSeconds(10));

        Assert.That(await target.HeadAsync("nothing.gz", CancellationToken.None), Is.Null);
        Assert.That(await target.GetAsync("manifest.json", CancellationToken.None), Is.Null);
    }

    [Test]
    public void EnsureReachableAsync_BucketDoesNotExist_FailsNamingTheBucket()
    {
        var target = new S3ObjectStore(S3, new S3StoreLocation("no-such-bucket", "mnist/"), TimeSpan.FromSeconds(10));

        var ex = Assert.ThrowsAsync<ToolException>(() => target.EnsureReachableAsync(CancellationToken.None));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.RemoteFailure));
        Assert.That(ex.Message, Does.StartWith("S3 bucket 'no-such-bucket' does not exist"));
    }

    [Test]
    public void EnsureReachableAsync_WrongCredentials_FailsWithAccessDenied()
    {
        using var wrong = S3rver.CreateClient(new BasicAWSCredentials("NOT-A-KEY", "wrong-secret"));
        var target = new S3ObjectStore(wrong, NewLocation(), TimeSpan.FromSeconds(10));

        var ex = Assert.ThrowsAsync<ToolException>(() => target.EnsureReachableAsync(CancellationToken.None));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.RemoteFailure));
        Assert.That(ex.Message, Does.StartWith("S3 access denied").And.Contain("InvalidAccessKeyId"));
    }

    [Test]
    public void EnsureReachableAsync_EndpointRefusesConnections_FailsWithRemoteError()
    {
        using var client = S3ClientFactory.Create(
            new Uri($"http://127.0.0.1:{S3rverProcess.FreePort()}/"), null, TimeSpan.FromSeconds(5), 0, S3rverProcess.Credentials);
        var target = new S3ObjectStore(client, NewLocation(), TimeSpan.FromSeconds(5));

        var ex = Assert.ThrowsAsync<ToolException>(() => target.EnsureReachableAsync(CancellationToken.None));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.RemoteFailure));
        Assert.That(ex.Message, Does.StartWith("S3 list s3://"));
    }

    [Test]
    public void EnsureReachableAsync_EndpointNeverAnswers_FailsWithTimeout()
    {
        using var silent = new SilentTcpServer();
        using var client = S3ClientFactory.Create(silent.Endpoint, null, TimeSpan.FromSeconds(1), 0, S3rverProcess.Credentials);
        var target = new S3ObjectStore(client, NewLocation(), TimeSpan.FromSeconds(1));

        var ex = Assert.ThrowsAsync<ToolException>(() => target.EnsureReachableAsync(CancellationToken.None));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.RemoteFailure));
        Assert.That(ex.Message, Does.Contain("timed out after 1 s"));
    }

    private static S3StoreLocation NewLocation() => new(S3rverProcess.Bucket, $"t-{Guid.NewGuid():N}/");

    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
