namespace MnistEmr.Stacks.Tests;

/// <summary>Properties of the synthesized files themselves: stable ids, no machine paths, the backend, HCL.</summary>
[TestFixture]
public class SynthesisTests
{
    [Test]
    public void LogicalIds_Default_AreTheConstructPathInSnakeCaseWithNoHash()
    {
        var resources = Configs.DefaultSynth.Document["resource"]!.AsObject().SelectMany(t => t.Value!.AsObject());
        foreach (var (id, resource) in resources)
        {
            var path = (string)resource!["//"]!["metadata"]!["path"]!;
            Assert.That(id, Is.EqualTo(string.Join('_', path.Split('/').Skip(1)).Replace('-', '_')));
            Assert.That(id, Does.Match("^[a-z0-9_]+$"));
        }
    }

    [Test]
    public void Synth_Twice_GivesTheSameJson()
    {
        var again = SynthesizedStack.Of(Configs.Default);
        Assert.That(Normalized(again), Is.EqualTo(Normalized(Configs.DefaultSynth)));
    }

    [Test]
    public void Synth_Default_WritesNoAbsolutePathOfThisMachine()
    {
        Assert.That(Configs.DefaultSynth.Json, Does.Not.Contain(Repository.Root));
        Assert.That(Configs.DefaultSynth.Json, Does.Not.Contain(Path.GetTempPath()));
    }

    [Test]
    public void Backend_Default_LocalStateAtTheRepositoryRootByRelativePath()
    {
        var path = (string)Configs.DefaultSynth.Document["terraform"]!["backend"]!["local"]!["path"]!;
        Assert.That(Path.IsPathRooted(path), Is.False);
        Assert.That(Path.GetFullPath(path, Configs.DefaultSynth.Directory), Is.EqualTo(Repository.PathOf("terraform.mnist-pipeline.tfstate")));
    }

    [Test]
    public void Backend_StateBucketConfigured_S3WithEncryptionAndLocking()
    {
        var stack = SynthesizedStack.Of(Configs.Default with { StateBucket = "my-state-bucket" });
        var s3 = stack.Document["terraform"]!["backend"]!["s3"]!;
        Assert.That((string?)s3["bucket"], Is.EqualTo("my-state-bucket"));
        Assert.That((string?)s3["key"], Is.EqualTo("mnist-emr/terraform.tfstate"));
        Assert.That((bool?)s3["encrypt"], Is.True);
        Assert.That((bool?)s3["use_lockfile"], Is.True);
    }

    [Test]
    public void Provider_Default_PinnedAwsProviderInTheConfiguredRegionWithDefaultTags()
    {
        var doc = Configs.DefaultSynth.Document;
        Assert.That((string?)doc["terraform"]!["required_providers"]!["aws"]!["version"], Is.EqualTo("5.100.0"));
        var aws = doc["provider"]!["aws"]![0]!;
        Assert.That((string?)aws["region"], Is.EqualTo("us-east-1"));
        Assert.That((string?)aws["default_tags"]![0]!["tags"]!["Project"], Is.EqualTo("mnist-emr"));
    }

    private static string Normalized(SynthesizedStack stack) =>
        stack.Json.Replace(Path.GetRelativePath(stack.Directory, Repository.Root), "<root>");
}
