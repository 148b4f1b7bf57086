using System.Diagnostics;

namespace MnistEmr.DataLoader.Tests.Io;

[TestFixture]
public sealed class HttpMirrorClientTests
{
    private static readonly byte[] Payload = Idx.GzipImages(4);
    private static readonly Dictionary<string, byte[]> Files = new() { ["a.gz"] = Payload };

    private MirrorServer server = null!;
    private HttpClient http = null!;

    [SetUp]
    public async Task StartServer()
    {
        server = await MirrorServer.StartAsync();
        http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    [TearDown]
    public async Task StopServer()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [Test]
    public async Task DownloadAsync_Ok_CopiesBytesAndReportsProgress()
    {
        server.Serve("good", Files);
        var destination = new MemoryStream();
        long reported = 0;

        await Client(retries: 0).DownloadAsync(Url("good"), destination, new Progress(v => reported = v), CancellationToken.None);

        Assert.That(destination.ToArray(), Is.EqualTo(Payload));
        Assert.That(reported, Is.EqualTo(Payload.Length));
    }

    [TestCase("missing", 404, 3, "HTTP 404 Not Found", 1, TestName = "DownloadAsync_NotFound_FailsAtOnceWithoutRetrying")]
    [TestCase("broken", 500, 2, "HTTP 500 Internal Server Error", 3, TestName = "DownloadAsync_ServerErrorEveryTime_RetriesThenFails")]
    public void DownloadAsync_ErrorStatusEveryTime_Fails(string name, int status, int retries, string message, int requests)
    {
        server.Status(name, status);

        var ex = Assert.ThrowsAsync<MirrorException>(() => Client(retries).DownloadAsync(Url(name), new MemoryStream(), null, CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo(message));
        Assert.That(server.RequestCount(name), Is.EqualTo(requests));
    }

    [Test]
    public async Task DownloadAsync_ServerErrorThenOk_RetriesAndSucceeds()
    {
        server.FailFirst("flaky", 2, Files);
        var destination = new MemoryStream();

        await Client(retries: 2).DownloadAsync(Url("flaky"), destination, null, CancellationToken.None);

        Assert.That(destination.ToArray(), Is.EqualTo(Payload));
        Assert.That(server.RequestCount("flaky"), Is.EqualTo(3));
    }

    [Test]
    public void DownloadAsync_NoResponse_TimesOut()
    {
        server.Hang("hang");
        var watch = Stopwatch.StartNew();

        var ex = Assert.ThrowsAsync<MirrorException>(() => Client(retries: 0).DownloadAsync(Url("hang"), new MemoryStream(), null, CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo("timed out after 0.5 s"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void DownloadAsync_BodyStalls_TimesOut()
    {
        server.HangMidBody("stall", Files);

        var ex = Assert.ThrowsAsync<MirrorException>(() => Client(retries: 1).DownloadAsync(Url("stall"), new MemoryStream(), null, CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo("timed out after 0.5 s"));
        Assert.That(server.RequestCount("stall"), Is.EqualTo(2));
    }

    [Test]
    public void DownloadAsync_ConnectionRefused_Fails()
    {
        var closed = new Uri($"http://127.0.0.1:{S3rverProcess.FreePort()}/a.gz");

        Assert.ThrowsAsync<MirrorException>(() => Client(retries: 0).DownloadAsync(closed, new MemoryStream(), null, CancellationToken.None));
    }

    [Test]
    public void DownloadAsync_CallerCancels_ThrowsOperationCanceled()
    {
        server.Hang("hang");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.CatchAsync<OperationCanceledException>(() => new HttpMirrorClient(http, TimeSpan.FromSeconds(30), 2, TimeSpan.Zero)
            .DownloadAsync(Url("hang"), new MemoryStream(), null, cancel.Token));
    }

    private HttpMirrorClient Client(int retries) => new(http, TimeSpan.FromMilliseconds(500), retries, TimeSpan.FromMilliseconds(10));

    private Uri Url(string mirror) => new(server.MirrorUrl(mirror) + "a.gz");

    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
