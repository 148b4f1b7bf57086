using HashiCorp.Cdktf;

namespace MnistEmr.Stacks.Tests.Support;

/// <summary>A pipeline stack synthesized in-process, with its Terraform JSON and the folder it was written to.</summary>
public sealed class SynthesizedStack
{
    private SynthesizedStack(PipelineStack stack, string json, string directory)
    {
        Stack = stack;
        Json = json;
        Document = JsonNode.Parse(json)!.AsObject();
        Directory = directory;
    }

    /// <summary>The stack object.</summary>
    public PipelineStack Stack { get; }

    /// <summary>The synthesized <c>cdk.tf.json</c> text.</summary>
    public string Json { get; }

    /// <summary>The synthesized configuration.</summary>
    public JsonObject Document { get; }

    /// <summary>The stack folder (<c>&lt;outdir&gt;/stacks/&lt;name&gt;</c>).</summary>
    public string Directory { get; }

    /// <summary>Synthesizes a configuration into a fresh temporary outdir.</summary>
    public static SynthesizedStack Of(PipelineConfig config)
    {
        // Inside the repository, as cdktf.out is, so paths relative to the stack look like a real synth's.
        var outdir = TestRunFolder.NewFolder("synth");
        var app = new App(new AppConfig { Outdir = outdir });
        var stack = new PipelineStack(app, config, Repository.Root);
        app.Synth();
        var directory = Path.Combine(outdir, "stacks", config.StackName);
        var json = File.ReadAllText(Path.Combine(directory, "cdk.tf.json"));
        return new SynthesizedStack(stack, json, directory);
    }

    /// <summary>Every resource of a type, by logical id.</summary>
    public IReadOnlyDictionary<string, JsonObject> Resources(string type) => Block("resource", type);

    /// <summary>Every data source of a type, by logical id.</summary>
    public IReadOnlyDictionary<string, JsonObject> DataSources(string type) => Block("data", type);

    /// <summary>One resource; fails the test when absent.</summary>
    public JsonObject Resource(string type, string name)
    {
        var all = Resources(type);
        Assert.That(all.Keys, Does.Contain(name), $"{type}.{name} is not in the stack");
        return all[name];
    }

    /// <summary>One data source; fails the test when absent.</summary>
    public JsonObject DataSource(string type, string name)
    {
        var all = DataSources(type);
        Assert.That(all.Keys, Does.Contain(name), $"data.{type}.{name} is not in the stack");
        return all[name];
    }

    /// <summary>The Terraform reference to an attribute of a resource, as it appears in the JSON.</summary>
    public static string Ref(string type, string name, string attribute) => $"${{{type}.{name}.{attribute}}}";

    /// <summary>The logical id of a construct's Terraform element, e.g. the bucket of a <c>DataBucket</c>.</summary>
    public static string IdOf(TerraformElement element) => element.FriendlyUniqueId;

    private IReadOnlyDictionary<string, JsonObject> Block(string kind, string type)
    {
        var block = Document[kind]?[type]?.AsObject();
        return block is null
            ? new Dictionary<string, JsonObject>()
            : block.ToDictionary(p => p.Key, p => p.Value!.AsObject());
    }
}
