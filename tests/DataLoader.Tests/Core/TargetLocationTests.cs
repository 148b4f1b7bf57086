using DataLoader.Core;

namespace DataLoader.Tests.Core;

[TestFixture]
public sealed class TargetLocationTests
{
    [TestCase("s3://my-bucket/mnist/", "my-bucket", "mnist/")]
    [TestCase("s3://my-bucket/mnist", "my-bucket", "mnist/")]
    [TestCase("s3://my-bucket/a/b/", "my-bucket", "a/b/")]
    [TestCase("s3://my-bucket", "my-bucket", "")]
    [TestCase("s3://my-bucket/", "my-bucket", "")]
    public void Parse_S3Uri_SplitsBucketAndFolderPrefix(string target, string bucket, string prefix)
    {
        var location = TargetLocation.Parse(target);

        Assert.That(location, Is.EqualTo(new S3TargetLocation(bucket, prefix)));
    }

    [Test]
    public void UriFor_S3Location_JoinsPrefixAndName()
    {
        Assert.That(TargetLocation.Parse("s3://b-1/mnist").UriFor("x.gz"), Is.EqualTo("s3://b-1/mnist/x.gz"));
    }

    [TestCase("/tmp/data", "/tmp/data")]
    [TestCase("relative/data", "relative/data")]
    [TestCase("file:///tmp/data", "/tmp/data")]
    public void Parse_LocalPathOrFileUri_IsLocalFolder(string target, string folder)
    {
        Assert.That(TargetLocation.Parse(target), Is.EqualTo(new LocalTargetLocation(folder)));
    }

    [TestCase("")]
    [TestCase("ftp://host/path")]
    [TestCase("https://bucket.s3.amazonaws.com/")]
    [TestCase("s3://Bad_Bucket/x")]
    [TestCase("s3:///x")]
    public void Parse_Invalid_ThrowsUsageError(string target)
    {
        var ex = Assert.Throws<LoaderException>(() => TargetLocation.Parse(target));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.UsageError));
    }
}
