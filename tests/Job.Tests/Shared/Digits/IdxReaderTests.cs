namespace MnistEmr.Job.Tests.Shared.Digits;

[TestFixture]
public class IdxReaderTests
{
    private static Task<DigitSet> ReadAsync(byte[] imagesRaw, byte[] labelsRaw, bool gzipImages = true) =>
        IdxReader.ReadAsync(
            new MemoryStream(gzipImages ? Idx.Gzip(imagesRaw) : imagesRaw), "images.gz",
            new MemoryStream(Idx.Gzip(labelsRaw)), "labels.gz", CancellationToken.None);

    [Test]
    public async Task ReadAsync_ValidFiles_ReturnsPixelsAndLabels()
    {
        var images = Idx.Images(2);
        var set = await ReadAsync(images, Idx.Labels(7, 3));

        Assert.That(set.Count, Is.EqualTo(2));
        Assert.That(set[0].Label, Is.EqualTo(7));
        Assert.That(set[1].Label, Is.EqualTo(3));
        Assert.That(set[1].Pixels.ToArray(), Is.EqualTo(images[(16 + 784)..]));
    }

    [Test]
    public void ReadAsync_WrongMagic_FailsNamingFileAndCheck()
    {
        var ex = Assert.ThrowsAsync<ToolException>(() => ReadAsync(Idx.Images(1, magic: 0x00000801), Idx.Labels(1)));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.IntegrityFailure));
        Assert.That(ex.Message, Does.StartWith("images.gz: IDX magic check failed"));
    }

    [Test]
    public void ReadAsync_TruncatedPayload_FailsOnPayloadLength()
    {
        var ex = Assert.ThrowsAsync<ToolException>(() => ReadAsync(Idx.Images(2)[..900], Idx.Labels(1, 2)));

        Assert.That(ex!.Message, Does.StartWith("images.gz: IDX payload length check failed"));
    }

    [Test]
    public void ReadAsync_TrailingBytes_FailsOnPayloadLength()
    {
        var ex = Assert.ThrowsAsync<ToolException>(() => ReadAsync([.. Idx.Images(1), 1, 2], Idx.Labels(1)));

        Assert.That(ex!.Message, Does.Contain("IDX payload length check failed"));
    }

    [Test]
    public void ReadAsync_NotTwentyEightSquare_FailsOnDimensions()
    {
        var ex = Assert.ThrowsAsync<ToolException>(() => ReadAsync(Idx.Images(1, 3, 3), Idx.Labels(1)));

        Assert.That(ex!.Message, Is.EqualTo("images.gz: IDX dimensions check failed: expected 28x28, found 3x3"));
    }

    [Test]
    public void ReadAsync_CountsDisagree_FailsNamingBothFiles()
    {
        var ex = Assert.ThrowsAsync<ToolException>(() => ReadAsync(Idx.Images(2), Idx.Labels(1)));

        Assert.That(ex!.Message, Does.Contain("images.gz and labels.gz: images/labels count check failed"));
    }

    [Test]
    public void ReadAsync_LabelAboveNine_FailsOnLabelRange()
    {
        var ex = Assert.ThrowsAsync<ToolException>(() => ReadAsync(Idx.Images(2), Idx.Labels(1, 12)));

        Assert.That(ex!.Message, Is.EqualTo("labels.gz: label range check failed: expected labels 0-9, found 12 at item 1"));
    }

    [Test]
    public void ReadAsync_NotGzip_FailsOnGzip()
    {
        var ex = Assert.ThrowsAsync<ToolException>(() => ReadAsync(Idx.Images(1), Idx.Labels(1), gzipImages: false));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.IntegrityFailure));
        Assert.That(ex.Message, Does.StartWith("images.gz: gzip check failed"));
    }

    [Test]
    public void ReadAsync_EmptyFile_FailsOnMagic()
    {
        var ex = Assert.ThrowsAsync<ToolException>(() => ReadAsync([], Idx.Labels(1)));

        Assert.That(ex!.Message, Does.StartWith("images.gz: IDX magic check failed"));
    }
}
