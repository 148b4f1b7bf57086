namespace MnistEmr.DataLoader.Tests.Core;

[TestFixture]
public sealed class DatasetFileVerifierTests
{
    [Test]
    public async Task VerifyAsync_GoodImages_ReturnsHeaderAndChecksum()
    {
        var bytes = Idx.GzipImages(2);
        var file = Images(bytes, count: 2);

        var verified = await DatasetFileVerifier.VerifyAsync(file, new MemoryStream(bytes), CancellationToken.None);

        Assert.That(verified.Header, Is.EqualTo(new IdxHeader(IdxKind.Images, 2, 3, 3)));
        Assert.That(verified.Sha256, Is.EqualTo(TestDataset.Sha256Of(bytes)));
        Assert.That(verified.Bytes, Is.EqualTo(bytes.Length));
    }

    [Test]
    public async Task VerifyAsync_GoodLabels_ReturnsCount()
    {
        var bytes = Idx.GzipLabels(5);

        var verified = await DatasetFileVerifier.VerifyAsync(Labels(bytes, 5), new MemoryStream(bytes), CancellationToken.None);

        Assert.That(verified.Header, Is.EqualTo(new IdxHeader(IdxKind.Labels, 5, 0, 0)));
    }

    [Test]
    public void VerifyAsync_WrongSize_FailsSizeCheck()
    {
        var bytes = Idx.GzipLabels(2);
        var file = Labels(bytes, 2) with { Bytes = bytes.Length + 1 };

        AssertIntegrityFailure(file, bytes, $"size check failed: expected {bytes.Length + 1} bytes, found {bytes.Length} bytes");
    }

    [Test]
    public void VerifyAsync_WrongChecksum_FailsSha256CheckWithExpectedAndFound()
    {
        var bytes = Idx.GzipLabels(2);
        var file = Labels(bytes, 2) with { Sha256 = new string('0', 64) };

        AssertIntegrityFailure(file, bytes, $"SHA-256 check failed: expected {new string('0', 64)}, found {TestDataset.Sha256Of(bytes)}");
    }

    [Test]
    public void VerifyAsync_TruncatedGzip_FailsGzipCheck()
    {
        var whole = Idx.Gzip(Idx.Images(50, 10, 10));
        var truncated = whole[..(whole.Length / 2)];

        AssertIntegrityFailure(Images(truncated, 50, 10, 10), truncated, "gzip check failed");
    }

    [Test]
    public void VerifyAsync_NotGzip_FailsGzipCheck()
    {
        var bytes = "this is not gzip at all"u8.ToArray();

        AssertIntegrityFailure(Labels(bytes, 2), bytes, "gzip check failed");
    }

    [Test]
    public void VerifyAsync_GzipOfNonIdx_FailsMagicCheck()
    {
        var bytes = Idx.Gzip("<html>not found</html>"u8.ToArray());

        AssertIntegrityFailure(Images(bytes, 2), bytes, "IDX magic check failed: expected 0x00000803, found 0x3C68746D");
    }

    [Test]
    public void VerifyAsync_LabelsWhereImagesExpected_FailsMagicCheck()
    {
        var bytes = Idx.GzipLabels(2);

        AssertIntegrityFailure(Images(bytes, 2), bytes, "IDX magic check failed: expected 0x00000803, found 0x00000801");
    }

    [Test]
    public void VerifyAsync_CountDiffersFromDefinition_FailsCountCheck()
    {
        var bytes = Idx.GzipImages(2);

        AssertIntegrityFailure(Images(bytes, 3), bytes, "IDX count check failed: expected 3, found 2");
    }

    [Test]
    public void VerifyAsync_DimensionsDifferFromDefinition_FailsDimensionsCheck()
    {
        var bytes = Idx.GzipImages(2, 4, 4);

        AssertIntegrityFailure(Images(bytes, 2), bytes, "IDX dimensions check failed: expected 3x3, found 4x4");
    }

    [Test]
    public void VerifyAsync_PayloadShorterThanHeaderSays_FailsPayloadCheck()
    {
        var raw = Idx.Images(2, 3, 3);
        var bytes = Idx.Gzip(raw[..^4]);

        AssertIntegrityFailure(Images(bytes, 2), bytes, "IDX payload length check failed: expected 18 bytes, found 14 bytes");
    }

    [Test]
    public void VerifyAsync_HeaderCutShort_FailsHeaderCheck()
    {
        var bytes = Idx.Gzip(Idx.Images(2, 3, 3)[..10]);

        AssertIntegrityFailure(Images(bytes, 2), bytes, "IDX header length check failed");
    }

    private static void AssertIntegrityFailure(DatasetFile file, byte[] bytes, string expectedFragment)
    {
        var ex = Assert.ThrowsAsync<ToolException>(
            () => DatasetFileVerifier.VerifyAsync(file, new MemoryStream(bytes), CancellationToken.None));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.IntegrityFailure));
        Assert.That(ex.Message, Does.StartWith(file.Name + ": ").And.Contain(expectedFragment));
    }

    private static DatasetFile Images(byte[] bytes, int? count, int rows = 3, int cols = 3) => new()
    {
        Name = "images.gz", Bytes = bytes.Length, Sha256 = TestDataset.Sha256Of(bytes), Kind = IdxKind.Images,
        Count = count, Rows = rows, Cols = cols,
    };

    private static DatasetFile Labels(byte[] bytes, int? count) => new()
    {
        Name = "labels.gz", Bytes = bytes.Length, Sha256 = TestDataset.Sha256Of(bytes), Kind = IdxKind.Labels, Count = count,
    };
}
