namespace MnistEmr.Job.Tests.Explode;

/// <summary>
/// Explode checks S3|1 as the data loader does, every file before it writes anything: it used to accept a gzip the
/// loader refuses and to write all of train/ before finding the test files missing.
/// </summary>
[TestFixture]
public class ExplodeInputTests
{
    private static string CopyOfSample(TempFolder temp, bool withManifest = false)
    {
        var source = Directory.CreateDirectory(temp.Sub("source")).FullName;
        foreach (var file in RealSample.Files.Files)
        {
            File.WriteAllBytes(Path.Combine(source, file.Name), file.Content);
        }

        if (withManifest)
        {
            File.WriteAllBytes(Path.Combine(source, DatasetDefinitionValidator.ManifestName), RealSample.Manifest);
        }

        return source;
    }

    [Test]
    public async Task Explode_GzipWithoutItsSizeTrailer_IsRefusedAsTheLoaderRefusesItAndNothingIsWritten()
    {
        using var temp = new TempFolder();
        var source = CopyOfSample(temp);
        var testImages = Path.Combine(source, MnistFiles.TestImages);
        var whole = File.ReadAllBytes(testImages);
        // The last four bytes of a gzip file are ISIZE; GZipStream alone reads the rest as a complete stream.
        File.WriteAllBytes(testImages, whole[..^4]);

        var run = await CliRun.RunAsync($"explode --source {source} --format-a {temp.Sub("fa")}");

        Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
        Assert.That(run.Error, Does.Contain($"{testImages}: gzip check failed"));
        Assert.That(Directory.Exists(temp.Sub("fa")), Is.False, "not even train/ is written");
        var loaderVerdict = Assert.ThrowsAsync<MnistEmr.Common.Cli.ToolException>(async () =>
        {
            await using var content = new MemoryStream(whole[..^4]);
            await DatasetFileVerifier.VerifyGzipAsync(MnistFiles.TestImages, content, CancellationToken.None);
        });
        Assert.That(loaderVerdict!.Message, Does.Contain("gzip check failed"), "the loader's own check refuses the same bytes");
    }

    [Test]
    public async Task Explode_TestFilesMissing_FailsBeforeWritingTrain()
    {
        using var temp = new TempFolder();
        var source = CopyOfSample(temp);
        File.Delete(Path.Combine(source, MnistFiles.TestImages));
        File.Delete(Path.Combine(source, MnistFiles.TestLabels));

        var run = await CliRun.RunAsync($"explode --source {source} --format-a {temp.Sub("fa")}");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error, Does.Contain($"{Path.Combine(source, MnistFiles.TestImages)} does not exist"));
        Assert.That(Directory.Exists(temp.Sub("fa")), Is.False, "train/ is not written when test/ cannot be");
    }

    [Test]
    public async Task Explode_FileDifferentFromTheLoadersManifest_IsRefusedByItsSha256()
    {
        using var temp = new TempFolder();
        var source = CopyOfSample(temp, withManifest: true);
        // A valid IDX labels file of the right count, but not the bytes the loader verified and recorded.
        var labels = Path.Combine(source, MnistFiles.TestLabels);
        var other = Idx.Gzip(Idx.Labels(Enumerable.Range(0, RealSample.Test).Select(i => (byte)(i % 10)).ToArray()));
        File.WriteAllBytes(labels, other);

        var run = await CliRun.RunAsync($"explode --source {source} --format-a {temp.Sub("fa")}");

        Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
        Assert.That(run.Error, Does.Contain($"{labels}: size check failed").Or.Contain($"{labels}: SHA-256 check failed"));
        Assert.That(Directory.Exists(temp.Sub("fa")), Is.False);
    }

    [Test]
    public async Task Explode_SourceWithTheLoadersManifest_SaysEveryFileMatchesIt()
    {
        using var temp = new TempFolder();
        var source = CopyOfSample(temp, withManifest: true);

        var run = await CliRun.RunAsync($"explode --source {source} --format-a {temp.Sub("fa")} --split test --shards 1");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Error, Does.Contain($"source: 2 files match {Path.Combine(source, DatasetDefinitionValidator.ManifestName)} (size, SHA-256)"));
    }
}
