using System.Security.Cryptography;

namespace MnistEmr.Stacks.Tests;

/// <summary>
/// The synthesized Terraform JSON of the default and the all-options stacks, byte for byte against snapshots kept in
/// Snapshots/. A refactoring of the stack must leave them equal; a deliberate change of the stack updates them in
/// the same commit (copy the file the failure names over the snapshot, and read the diff before committing).
/// </summary>
/// <remarks>
/// Only what differs between runs or machines is replaced by a placeholder before comparing: the repository's path
/// seen from the stack folder, the test job package's path, and the SHA-256 of the files synthesis digests (the
/// package is made anew by every test run; the bootstrap script and the dataset definition have their own tests,
/// and an edit of them is no change of the stack's code).
/// </remarks>
[TestFixture]
public class SnapshotTests
{
    [Test]
    public void Synth_Default_EqualsTheSnapshot() => AssertSnapshot("default", Configs.DefaultSynth, package: null);

    [Test]
    public void Synth_AllOptions_EqualsTheSnapshot() => AssertSnapshot("all-options", Configs.FullSynth, Configs.FullJobPackage);

    private static void AssertSnapshot(string name, SynthesizedStack stack, string? package)
    {
        var actual = Normalized(stack, package);
        var snapshot = Repository.PathOf("tests", "Stacks.Tests", "Snapshots", $"{name}.tf.json");
        var expected = File.Exists(snapshot) ? File.ReadAllText(snapshot) : "";
        if (actual == expected)
            return;

        var written = Repository.PathOf(".work", "snapshots", $"{name}.tf.json");
        Directory.CreateDirectory(Path.GetDirectoryName(written)!);
        File.WriteAllText(written, actual);
        Assert.Fail($"the synthesized {name} stack differs from {snapshot} at {FirstDifference(expected, actual)}; "
            + $"this run's JSON is in {written} (diff them; copy it over the snapshot only for a deliberate change)");
    }

    private static string Normalized(SynthesizedStack stack, string? package)
    {
        var json = stack.Json.Replace(Path.GetRelativePath(stack.Directory, Repository.Root).Replace('\\', '/'), "<repository>");
        if (package is not null)
        {
            json = json.Replace(Path.GetRelativePath(stack.Directory, package).Replace('\\', '/'), "<job package>");
            json = WithoutDigest(json, package, "job package");
        }

        json = WithoutDigest(json, Repository.PathOf("emr-job", "bootstrap", "install-job.sh"), "bootstrap script");
        return WithoutDigest(json, Repository.PathOf("data-loader", "datasets", "mnist.json"), "dataset definition");
    }

    // The whole digest first, then the prefixes the stack cuts from it (16 for object keys, 12 for the run id).
    private static string WithoutDigest(string json, string file, string what)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        return json.Replace(sha, $"<sha256 of the {what}>")
            .Replace(sha[..16], $"<sha256[..16] of the {what}>")
            .Replace(sha[..12], $"<sha256[..12] of the {what}>");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        for (var i = 0; i < Math.Min(want.Length, got.Length); i++)
        {
            if (want[i] != got[i])
                return $"line {i + 1}: expected «{Cut(want[i])}», got «{Cut(got[i])}»";
        }

        return $"the end: expected {want.Length} lines, got {got.Length}";
    }

    // Trimmed first: an indented line longer than 160 characters may be shorter than 157 once trimmed.
    private static string Cut(string line) => line.Trim() is var text && text.Length <= 160 ? text : text[..157] + "...";
}
