namespace MnistEmr.Job.Tests.Local;

/// <summary>run-local end to end with every node in s3rver on loopback.</summary>
[TestFixture]
public class RunLocalS3Tests
{
    [Test]
    public async Task RunLocal_AllNodesInS3_WritesReportToS3()
    {
        using var server = S3rverProcess.Start();
        using var stores = new ObjectStoreFactory(S3rverSettings.For(server));
        var bucket = $"s3://{S3rverProcess.Bucket}";
        var source = stores.Open(StoreLocation.Parse($"{bucket}/source", "--source"));
        foreach (var file in RealSample.Files.Files)
        {
            await source.PutAsync(file.Name, file.Content, CancellationToken.None);
        }

        var run = await CliRun.RunAsync(
            $"run-local --source {bucket}/source --format-a {bucket}/format-a --models {bucket}/models --reports {bucket}/reports "
            + $"--endpoint {server.Endpoint} --shards 2 --iterations 30 --run-id s3run");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Value("report-html"), Is.EqualTo($"{bucket}/reports/runs/s3run/report.html"));
        Assert.That(run.Value("test-used"), Is.EqualTo(RealSample.Test.ToString()));
        var reports = stores.Open(StoreLocation.Parse($"{bucket}/reports", "--reports"));
        var html = await reports.GetAsync("runs/s3run/report.html", CancellationToken.None);
        Assert.That(System.Text.Encoding.UTF8.GetString(html!), Does.Contain("<svg"));
        var formatA = stores.Open(StoreLocation.Parse($"{bucket}/format-a", "--format-a"));
        var png = await formatA.GetAsync(new FormatALayout(new FormatALayoutSettings("mnist-format-a")).StemFor(DatasetSplit.Test, 0) + ".png", CancellationToken.None);
        var test = await RealSample.ReadSplitAsync(DatasetSplit.Test);
        Assert.That(PngCodec.TryDecode(png!, out _)!.Pixels, Is.EqualTo(test[0].Pixels.ToArray()), "s3rver stores the exact bytes (no chunk framing)");
    }

    [Test]
    public async Task RunLocal_MissingBucket_IsRemoteFailure()
    {
        using var server = S3rverProcess.Start();

        var run = await CliRun.RunAsync($"run-local --source s3://no-such-bucket/src --work /tmp/unused --endpoint {server.Endpoint}");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error, Does.Contain("no-such-bucket"));
    }
}
