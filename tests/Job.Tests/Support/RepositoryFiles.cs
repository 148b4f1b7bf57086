using MnistEmr.Bench;

namespace MnistEmr.Job.Tests.Support;

/// <summary>Finds files of the repository (node_modules) above the test directory.</summary>
public static class RepositoryFiles
{
    public static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, relative);
            if (File.Exists(path) || Directory.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>
    /// node on PATH and the s3rver package in node_modules, found as the bench finds them (<see cref="LocalS3rver"/>);
    /// skips the test (or fails it, <see cref="SkipOrFail"/>) when either is missing.
    /// </summary>
    public static (string Node, string S3rverPackage) NodeAndS3rver()
    {
        var package = LocalS3rver.FindPackage([TestContext.CurrentContext.TestDirectory]);
        if (package is null)
        {
            SkipOrFail("node_modules/s3rver was not found above the test directory");
        }

        var node = LocalS3rver.FindOnPath("node");
        if (node is null)
        {
            SkipOrFail("node is not on PATH");
        }

        return (node!, package!);
    }

    /// <summary>Ignores the test, or fails it when MNIST_EMR_REQUIRE_SERVERS=1.</summary>
    public static void SkipOrFail(string reason)
    {
        if (Environment.GetEnvironmentVariable("MNIST_EMR_REQUIRE_SERVERS") == "1")
        {
            Assert.Fail($"required (MNIST_EMR_REQUIRE_SERVERS=1) but {reason}");
        }

        Assert.Ignore($"skipped: {reason} (run npm ci at the repository root)");
    }
}
