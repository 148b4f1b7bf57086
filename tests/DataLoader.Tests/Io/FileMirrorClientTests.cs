namespace MnistEmr.DataLoader.Tests.Io;

[TestFixture]
public sealed class FileMirrorClientTests
{
    [Test]
    public async Task DownloadAsync_ExistingFile_CopiesBytes()
    {
        using var folder = new TempFolder();
        var bytes = Idx.GzipLabels(3);
        await File.WriteAllBytesAsync(folder.Sub("a.gz"), bytes);
        var destination = new MemoryStream();

        await new FileMirrorClient().DownloadAsync(new Uri(folder.Sub("a.gz")), destination, null, CancellationToken.None);

        Assert.That(destination.ToArray(), Is.EqualTo(bytes));
    }

    [Test]
    public void DownloadAsync_MissingFile_FailsAsMirrorFailure()
    {
        using var folder = new TempFolder();

        var ex = Assert.ThrowsAsync<MirrorException>(() => new FileMirrorClient()
            .DownloadAsync(new Uri(folder.Sub("missing.gz")), new MemoryStream(), null, CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo("file not found"));
    }
}
