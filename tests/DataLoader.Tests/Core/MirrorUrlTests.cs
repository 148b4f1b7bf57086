namespace MnistEmr.DataLoader.Tests.Core;

[TestFixture]
public sealed class MirrorUrlTests
{
    [TestCase("https://ossci-datasets.s3.amazonaws.com/mnist/", "https://ossci-datasets.s3.amazonaws.com/mnist/a.gz")]
    [TestCase("https://storage.googleapis.com/cvdf-datasets/mnist", "https://storage.googleapis.com/cvdf-datasets/mnist/a.gz")]
    [TestCase("file:///srv/mnist/", "file:///srv/mnist/a.gz")]
    public void For_MirrorWithOrWithoutSlash_AppendsFileName(string mirror, string expected)
    {
        Assert.That(MirrorUrl.For(mirror, "a.gz").AbsoluteUri, Is.EqualTo(expected));
    }
}
