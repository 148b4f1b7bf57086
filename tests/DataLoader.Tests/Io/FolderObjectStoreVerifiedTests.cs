namespace MnistEmr.DataLoader.Tests.Io;

[TestFixture]
public sealed class FolderObjectStoreVerifiedTests
{
    [Test]
    public async Task PutAsync_NewFolder_CreatesFolderAndFileFindReportsSizeAndSha256()
    {
        using var temp = new TempFolder();
        var target = new FolderObjectStore(new FolderStoreLocation(temp.Sub("out")));
        var bytes = Idx.GzipImages(2);

        await target.PutVerifiedAsync("a.gz", new MemoryStream(bytes), TestDataset.Sha256Of(bytes), null, null, CancellationToken.None);

        Assert.That(await File.ReadAllBytesAsync(temp.Sub("out/a.gz")), Is.EqualTo(bytes));
        Assert.That(await target.HeadAsync("a.gz", CancellationToken.None), Is.EqualTo(new StoredObject(bytes.Length, TestDataset.Sha256Of(bytes), null)));
        Assert.That(TempFolder.ListFiles(temp.Sub("out")), Is.EqualTo(new[] { "a.gz" }));
    }

    [Test]
    public async Task FindAsync_Missing_ReturnsNull()
    {
        using var temp = new TempFolder();
        var target = new FolderObjectStore(new FolderStoreLocation(temp.Sub("nowhere")));

        Assert.That(await target.HeadAsync("a.gz", CancellationToken.None), Is.Null);
        Assert.That(await target.GetAsync("manifest.json", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task PutAsync_CancelledMidCopy_LeavesNoFileAndKeepsOldVersion()
    {
        using var temp = new TempFolder();
        var target = new FolderObjectStore(new FolderStoreLocation(temp.Path));
        await File.WriteAllBytesAsync(temp.Sub("a.gz"), [1, 2, 3]);
        var big = new byte[1_000_000];
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAfterFirstReport(cancel);

        Assert.CatchAsync<OperationCanceledException>(
            () => target.PutVerifiedAsync("a.gz", new MemoryStream(big), new string('0', 64), null, progress, cancel.Token));

        Assert.That(progress.Reports, Is.GreaterThan(0));
        Assert.That(TempFolder.ListFiles(temp.Path), Is.EqualTo(new[] { "a.gz" }));
        Assert.That(await File.ReadAllBytesAsync(temp.Sub("a.gz")), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public async Task PutAsync_StaleTempFileFromKilledRun_IsRemoved()
    {
        using var temp = new TempFolder();
        await File.WriteAllBytesAsync(temp.Sub(".a.gz.0123456789abcdef.partial"), [9, 9]);
        var target = new FolderObjectStore(new FolderStoreLocation(temp.Path));

        await target.PutVerifiedAsync("a.gz", new MemoryStream([1]), new string('0', 64), null, null, CancellationToken.None);

        Assert.That(TempFolder.ListFiles(temp.Path), Is.EqualTo(new[] { "a.gz" }));
    }

    [Test]
    public void EnsureReachableAsync_TargetIsAFile_FailsWithRemoteError()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Sub("file"), "x");

        var ex = Assert.ThrowsAsync<ToolException>(
            () => new FolderObjectStore(new FolderStoreLocation(temp.Sub("file"))).EnsureReachableAsync(CancellationToken.None));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.RemoteFailure));
    }

    private sealed class CancelAfterFirstReport(CancellationTokenSource cancel) : IProgress<long>
    {
        public int Reports { get; private set; }

        public void Report(long value)
        {
            Reports++;
            cancel.Cancel();
        }
    }
}
