namespace MnistEmr.Job.Tests.Shared.FormatA;

[TestFixture]
public class ObjectStoreTests
{
    private static async Task<List<string>> ListAsync(IObjectStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in store.ListAsync(prefix, CancellationToken.None))
        {
            keys.Add(key);
        }

        return keys.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task PutGetListContractAsync(IObjectStore store)
    {
        await store.PutAsync("train/a/b/x.png", new byte[] { 1, 2, 3 }, CancellationToken.None);
        await store.PutAsync("train/a/x.txt", "7"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("test/y.txt", "1"u8.ToArray(), CancellationToken.None);
        await store.PutAsync("train/a/x.txt", "8"u8.ToArray(), CancellationToken.None);

        Assert.That(await store.GetAsync("train/a/b/x.png", CancellationToken.None), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(await store.GetAsync("train/a/x.txt", CancellationToken.None), Is.EqualTo("8"u8.ToArray()), "a put replaces");
        Assert.That(await store.GetAsync("train/missing.png", CancellationToken.None), Is.Null);
        Assert.That(await ListAsync(store, "train/"), Is.EqualTo(new[] { "train/a/b/x.png", "train/a/x.txt" }));
        Assert.That(await ListAsync(store, "nothing/"), Is.Empty);
    }

    [Test]
    public async Task FolderStore_PutGetList_BehavesLikeABucket()
    {
        using var temp = new TempFolder();

        await PutGetListContractAsync(new FolderObjectStore(new FolderStoreLocation(temp.Sub("bucket"))));
    }

    [Test]
    public async Task FolderStore_Put_GoesThroughATempFileAndLeavesOnlyTheObject()
    {
        using var temp = new TempFolder();
        var store = new FolderObjectStore(new FolderStoreLocation(temp.Sub("bucket")));
        Directory.CreateDirectory(temp.Sub("bucket/d"));
        // What a killed writer leaves: a hidden temp file beside the name. It is never listed as an object.
        await File.WriteAllBytesAsync(temp.Sub("bucket/d/.x.txt.0123.partial"), [9]);

        await store.PutAsync("d/x.txt", "7"u8.ToArray(), CancellationToken.None);

        Assert.That(await ListAsync(store, ""), Is.EqualTo(new[] { "d/x.txt" }));
        Assert.That(Directory.GetFiles(temp.Sub("bucket/d")).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { ".x.txt.0123.partial", "x.txt" }), "the write's own temp file is gone; only the object and the old leftover remain");
    }

    [Test]
    public async Task FolderStore_PutOverAFolder_SaysItIsAFolder()
    {
        using var temp = new TempFolder();
        var store = new FolderObjectStore(new FolderStoreLocation(temp.Sub("bucket")));
        Directory.CreateDirectory(temp.Sub("bucket/x.txt"));

        var error = Assert.ThrowsAsync<ToolException>(() => store.PutAsync("x.txt", "7"u8.ToArray(), CancellationToken.None));

        Assert.That(error!.ExitCode, Is.EqualTo(ExitCode.RemoteFailure));
        Assert.That(error.Message, Does.EndWith("it is a folder, not a file"));
    }

    [Test]
    public async Task FolderStore_LinkToAnAncestorAndADanglingLink_AreNotFollowed()
    {
        using var temp = new TempFolder();
        var store = new FolderObjectStore(new FolderStoreLocation(temp.Sub("bucket")));
        await store.PutAsync("train/a/x.png", new byte[] { 1 }, CancellationToken.None);
        // A loop (train/a/loop -> train) repeated the tree until the path was too long; a dangling link aborted the listing.
        Directory.CreateSymbolicLink(temp.Sub("bucket/train/a/loop"), temp.Sub("bucket/train"));
        File.CreateSymbolicLink(temp.Sub("bucket/train/gone.png"), temp.Sub("nowhere.png"));

        Assert.That(await ListAsync(store, "train/"), Is.EqualTo(new[] { "train/a/x.png" }));
    }

    [Test]
    public async Task FolderStore_ListEntries_ReportsEachLinkWithItsReasonAndFollowsNone()
    {
        using var temp = new TempFolder();
        var store = new FolderObjectStore(new FolderStoreLocation(temp.Sub("bucket")));
        await store.PutAsync("train/a/x.png", new byte[] { 1 }, CancellationToken.None);
        Directory.CreateSymbolicLink(temp.Sub("bucket/train/a/loop"), "..");
        File.CreateSymbolicLink(temp.Sub("bucket/train/gone.png"), temp.Sub("nowhere.png"));
        File.CreateSymbolicLink(temp.Sub("bucket/train/a/y.png"), "x.png");

        var entries = new List<ListedEntry>();
        await foreach (var entry in store.ListEntriesAsync("train/", CancellationToken.None))
        {
            entries.Add(entry);
        }

        Assert.That(entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.NotAnObject)), Is.EqualTo(new (string, string?)[]
        {
            ("train/a/loop", "a symbolic link to the folder '..'; links are not followed (S3 has none): copy the files instead"),
            ("train/a/x.png", null),
            ("train/a/y.png", "a symbolic link to 'x.png'; links are not followed (S3 has none): copy the file instead"),
            ("train/gone.png", $"a symbolic link to '{temp.Sub("nowhere.png")}', which does not exist; links are not followed (S3 has none)"),
        }));
    }

    [Test]
    public void FolderStore_ListingAFolderThatDoesNotExist_IsNoSuchFolderAsAMissingBucketIsAnError()
    {
        var store = new FolderObjectStore(new FolderStoreLocation(Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N"))));

        var error = Assert.ThrowsAsync<ToolException>(async () => await ListAsync(store, "train/"));

        Assert.That(error!.ExitCode, Is.EqualTo(ExitCode.RemoteFailure));
        Assert.That(error.Message, Does.EndWith(": no such folder"));
    }

    [Test]
    public async Task S3Store_PutGetList_BehavesLikeTheFolderStore()
    {
        using var server = S3rverProcess.Start();
        using var stores = new ObjectStoreFactory(S3rverSettings.For(server));

        await PutGetListContractAsync(stores.Open(StoreLocation.Parse($"s3://{S3rverProcess.Bucket}/some/prefix", "--x")));
    }

    [Test]
    public async Task S3Store_ListingOverAThousandKeys_FollowsContinuationTokens()
    {
        using var server = S3rverProcess.Start();
        using var stores = new ObjectStoreFactory(S3rverSettings.For(server));
        var store = stores.Open(StoreLocation.Parse($"s3://{S3rverProcess.Bucket}/many", "--x"));
        await Parallel.ForEachAsync(Enumerable.Range(0, 1_050), async (i, token) => await store.PutAsync($"k/{i:D5}.txt", "1"u8.ToArray(), token));

        Assert.That((await ListAsync(store, "k/")).Count, Is.EqualTo(1_050));
    }

    [Test]
    public void S3Store_MissingBucket_IsRemoteFailure()
    {
        using var server = S3rverProcess.Start();
        using var stores = new ObjectStoreFactory(S3rverSettings.For(server));
        var store = stores.Open(StoreLocation.Parse("s3://no-such-bucket/x", "--x"));

        var ex = Assert.ThrowsAsync<ToolException>(() => store.PutAsync("a.txt", "1"u8.ToArray(), CancellationToken.None));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.RemoteFailure));
        Assert.That(ex.Message, Does.Contain("no-such-bucket"));
    }

    [TestCase("s3://bucket/a/b/", "s3://bucket/a/b/k")]
    [TestCase("s3://bucket", "s3://bucket/k")]
    public void Parse_S3Uri_KeepsBucketAndPrefix(string text, string uriOfK)
    {
        Assert.That(StoreLocation.Parse(text, "--x").UriFor("k"), Is.EqualTo(uriOfK));
    }

    [TestCase("s3://B_ad/x")]
    [TestCase("ftp://host/x")]
    [TestCase("")]
    public void Parse_BadUri_IsUsageError(string text)
    {
        var ex = Assert.Throws<ToolException>(() => StoreLocation.Parse(text, "--source"));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.UsageError));
        Assert.That(ex.Message, Does.Contain("--source"));
    }
}
