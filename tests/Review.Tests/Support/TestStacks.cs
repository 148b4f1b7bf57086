using System.Collections.Concurrent;
using System.Security.Cryptography;
using HashiCorp.Cdktf;
using MnistEmr.Stacks;

namespace MnistEmr.Review.Tests.Support;

/// <summary>Synthesized stacks for the review to plan: the default one, and weakened copies built by editing its JSON.</summary>
public static class TestStacks
{
    // Each configuration once per test run: most tests review the default stack, and each synthesis took a second or two.
    // With the folder, its files as synthesis left them, before any review read it.
    private static readonly ConcurrentDictionary<PipelineConfig, Lazy<(string Folder, IReadOnlyDictionary<string, string> Files)>> Synthesized = new();

    /// <summary>
    /// The stack folder of a configuration, synthesized under .work/ the first time a test asks for it and shared by
    /// every test that asks for the same configuration: only read it (the review never writes into it, as
    /// <see cref="StackFolderUntouchedTests"/> checks); to change a stack, change a copy (<see cref="Weakened"/>).
    /// </summary>
    public static string Synthesize(PipelineConfig config) => Shared(config).Folder;

    /// <summary>The files of <see cref="Synthesize"/>'s folder for <paramref name="config"/> as synthesis left them.</summary>
    public static IReadOnlyDictionary<string, string> FilesAsSynthesized(PipelineConfig config) => Shared(config).Files;

    /// <summary>Every file below <paramref name="folder"/>: its relative path and SHA-256, so any write, new file or removal shows.</summary>
    public static IReadOnlyDictionary<string, string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            file => Path.GetRelativePath(folder, file),
            file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))));

    private static (string Folder, IReadOnlyDictionary<string, string> Files) Shared(PipelineConfig config) =>
        Synthesized.GetOrAdd(config, c => new(() =>
        {
            var folder = SynthesizeAfresh(c);
            return (folder, Files(folder));
        })).Value;

    private static string SynthesizeAfresh(PipelineConfig config)
    {
        var outdir = TestRunFolder.NewFolder("synth");
        var app = new App(new AppConfig { Outdir = outdir });
        new PipelineStack(app, config, Repository.Root);
        app.Synth();
        return Path.Combine(outdir, "stacks", config.StackName);
    }

    /// <summary>Copies a synthesized stack folder beside itself and lets the caller change its configuration.</summary>
    public static string Weakened(string stackDirectory, Action<JsonObject> weaken)
    {
        var copy = stackDirectory + "-weakened-" + Guid.NewGuid().ToString("n")[..8];
        Directory.CreateDirectory(copy);
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(stackDirectory, "cdk.tf.json")))!.AsObject();
        weaken(document);
        DropDanglingDependencies(document);
        File.WriteAllText(Path.Combine(copy, "cdk.tf.json"), document.ToJsonString());
        return copy;
    }

    // A weakened stack removes resources that others (the cluster) list in depends_on; Terraform refuses a
    // reference to an undeclared resource, so those entries go too, as they would in a stack built without them.
    private static void DropDanglingDependencies(JsonObject document)
    {
        var resources = document["resource"]!.AsObject();
        var declared = resources.SelectMany(type => type.Value!.AsObject().Select(r => $"{type.Key}.{r.Key}")).ToHashSet();
        foreach (var resource in resources.SelectMany(type => type.Value!.AsObject().Select(r => r.Value!.AsObject())))
        {
            if (resource["depends_on"] is JsonArray dependsOn)
            {
                foreach (var gone in dependsOn.Where(d => (string?)d is { } name && name.StartsWith("aws_", StringComparison.Ordinal) && !declared.Contains(name)).ToList())
                {
                    dependsOn.Remove(gone);
                }
            }
        }
    }

    /// <summary>The small real .tar.gz standing in for the published job (<see cref="JobPackageFixture"/>).</summary>
    public static string JobPackage() => JobPackageFixture.Path;

    /// <summary>Whether this machine can plan: terraform on the PATH and the provider mirror present.</summary>
    public static void RequireTerraform()
    {
        var mirror = Environment.GetEnvironmentVariable("TF_PLUGIN_MIRROR") is { Length: > 0 } m ? m : "/opt/tf-plugins";
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "terraform")));
        var missing = !onPath ? "no terraform on the PATH" : !Directory.Exists(mirror) ? $"no provider mirror at {mirror}" : null;
        if (missing is null)
            return;
        if (Environment.GetEnvironmentVariable("MNIST_EMR_REQUIRE_TERRAFORM") == "1")
            Assert.Fail($"{missing}, but MNIST_EMR_REQUIRE_TERRAFORM=1 says this machine has them");
        Assert.Ignore($"review plan tests skipped: {missing}");
    }
}
