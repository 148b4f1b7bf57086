namespace MnistEmr.DataLoader.Tests.Core;

/// <summary>The one location parser every tool uses (--target, --source, --format-a, --out ...).</summary>
[TestFixture]
public sealed class StoreLocationTests
{
    [TestCase("s3://my-bucket/mnist/", "my-bucket", "mnist/")]
    [TestCase("s3://my-bucket/mnist", "my-bucket", "mnist/")]
    [TestCase("s3://my-bucket/a/b/", "my-bucket", "a/b/")]
    [TestCase("s3://my-bucket", "my-bucket", "")]
    [TestCase("s3://my-bucket/", "my-bucket", "")]
    public void Parse_S3Uri_SplitsBucketAndFolderPrefix(string target, string bucket, string prefix)
    {
        var location = StoreLocation.Parse(target, "--target");

        Assert.That(location, Is.EqualTo(new S3StoreLocation(bucket, prefix)));
    }

    [Test]
    public void UriFor_S3Location_JoinsPrefixAndName()
    {
        Assert.That(StoreLocation.Parse("s3://b-1/mnist", "--target").UriFor("x.gz"), Is.EqualTo("s3://b-1/mnist/x.gz"));
    }

    // RFC 8089: file:///path, file://localhost/path and the minimal file:/path all name a local absolute path.
    [TestCase("/tmp/data", "/tmp/data")]
    [TestCase("file:///tmp/data", "/tmp/data")]
    [TestCase("file://localhost/tmp/data", "/tmp/data")]
    [TestCase("file:/tmp/data", "/tmp/data")]
    [TestCase("file:///tmp/a%20b", "/tmp/a b")]
    [TestCase("./s3:bucket", null)]
    public void Parse_FolderPathOrLocalFileUri_IsThatFolder(string target, string? folder)
    {
        var expected = folder ?? Path.GetFullPath(target);

        Assert.That(StoreLocation.Parse(target, "--target"), Is.EqualTo(new FolderStoreLocation(expected)));
    }

    [Test]
    public void Parse_RelativeFolder_IsMadeAbsolute()
    {
        Assert.That(StoreLocation.Parse("relative/data", "--target"), Is.EqualTo(new FolderStoreLocation(Path.GetFullPath("relative/data"))));
    }

    // Each of these used to become a local folder (./s3:/bucket/x, \\relative\dir, \\localhost\tmp\x ...) with exit 0.
    [TestCase("", "is empty")]
    [TestCase("ftp://host/path", "unknown scheme 'ftp:'")]
    [TestCase("https://bucket.s3.amazonaws.com/", "unknown scheme 'https:'")]
    [TestCase("s3://Bad_Bucket/x", "not a valid S3 bucket name")]
    [TestCase("s3:///x", "not a valid S3 bucket name")]
    [TestCase("s3:/bucket/x", "not a valid S3 URI: write s3://bucket/prefix")]
    [TestCase("s3:bucket", "not a valid S3 URI")]
    [TestCase("file://relative/dir", "names the host 'relative'")]
    [TestCase("file://server/share/x", "names the host 'server'")]
    [TestCase("file:relative/dir", "is not a local file URI")]
    [TestCase("file:///tmp/x?version=2", "is not a local file URI")]
    [TestCase("c:data", "unknown scheme 'c:'")]
    public void Parse_Malformed_IsUsageErrorNamingTheOptionAndTheProblem(string target, string problem)
    {
        var ex = Assert.Throws<ToolException>(() => StoreLocation.Parse(target, "--target"));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.UsageError));
        Assert.That(ex.Message, Does.StartWith("--target").And.Contain(problem));
    }
}
