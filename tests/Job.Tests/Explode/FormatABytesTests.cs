namespace MnistEmr.Job.Tests.Explode;

/// <summary>
/// FORMAT A's keys and bytes pinned: a fresh explode of the sample must write exactly the tree it always has, so a
/// change around explode (such as skipping an up-to-date tree) cannot alter what train and evaluate read.
/// </summary>
[TestFixture]
public class FormatABytesTests
{
    // SHA-256 over every key under train/ and test/ in ordinal order, each followed by NUL and its bytes: the tree
    // the sample explodes to with the default layout (computed before explode learnt to skip).
    public const string SampleTreeDigest = "de21a8a1698980526879536bbae48c42cdef2eb049afd2c29f7681c719b5859e";

    [Test]
    public async Task Explode_FreshTree_WritesThePinnedKeysAndBytes()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync($"explode --source {RealSample.Source} --format-a {temp.Path} --shards 4");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(TreeDigest(temp.Path), Is.EqualTo(SampleTreeDigest));
    }

    /// <summary>SHA-256 over the keys under train/ and test/ of <paramref name="root"/>, ordinal order, each with NUL and its bytes.</summary>
    public static string TreeDigest(string root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var keys = new[] { "train", "test" }
            .Where(split => Directory.Exists(Path.Combine(root, split)))
            .SelectMany(split => Directory.GetFiles(Path.Combine(root, split), "*", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(key + "\0"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(root, key)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
