namespace MnistEmr.Stacks.Tests;

/// <summary>
/// Settings in cdktf.json's "context" reach every path to a stack the same way: <c>npx cdktf synth</c>,
/// <c>dotnet run --project pipeline.csproj</c> and the review's own synthesis, each run as the README writes it
/// (<c>dotnet run</c> with <c>--no-build</c>: the test command has built them, <see cref="BuiltProject"/>).
/// They run in a scratch copy of the repository's root files (cdktf.json with a context, the dataset definition the
/// stack hashes) below .work/, so the repository's cdktf.json is never changed and npx finds node_modules above.
/// </summary>
[TestFixture]
[Category("Cli")]
public class ContextSettingsTests
{
    private const string StackFile = "cdktf.out/stacks/mnist-pipeline/cdk.tf.json";

    private static Dictionary<string, string> QuietEnvironment => new(TerraformCli.Settings)
    {
        ["CI"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    [OneTimeSetUp]
    public void RequireNodeModules()
    {
        if (!File.Exists(Repository.PathOf("node_modules", ".bin", "cdktf")))
            Assert.Ignore("node_modules/.bin/cdktf is missing: run npm ci first");
    }

    [Test]
    public void EveryPath_ContextCoreInstanceCount_SynthesizesTheSameStackWithThatCount()
    {
        var root = ScratchRepository(new JsonObject { ["coreInstanceCount"] = 7 });

        var viaCli = Synthesized(root, Run(root, "npx", "--no-install", "cdktf", "synth"), "npx cdktf synth");
        var viaDotnet = Synthesized(root, DotnetRun(root), "dotnet run --project pipeline.csproj");
        var review = Review(root);
        Assert.That(review.ExitCode, Is.EqualTo(ProcessRunner.OnPath("terraform") ? 0 : 3), review.Stdout + review.Stderr);
        var viaReview = Synthesized(root, review, "review");

        Assert.That(CoreCount(viaCli), Is.EqualTo(7), "cdktf synth reads the context");
        Assert.That(viaDotnet, Is.EqualTo(viaCli), "dotnet run --project pipeline.csproj synthesizes what cdktf synth does");
        Assert.That(viaReview, Is.EqualTo(viaCli), "the review judges the stack cdktf synth (and so deploy) writes");
    }

    [Test]
    public void EveryPath_InvalidContextValue_StopsSynthesisWithExitCodeTwo()
    {
        var root = ScratchRepository(new JsonObject { ["coreInstanceCount"] = 0 });
        const string message = "setting 'coreInstanceCount' (MNIST_EMR_CORE_INSTANCE_COUNT) must be from 1 to 100; got 0";

        var cli = Run(root, "npx", "--no-install", "cdktf", "synth");
        var dotnet = DotnetRun(root);
        var review = Review(root);

        // The cdktf CLI ends with its own code 1 whatever the app's; the app it runs exits 2, which it reports.
        Assert.That(cli.ExitCode, Is.Not.Zero, cli.Stdout);
        Assert.That(cli.Stdout + cli.Stderr, Does.Contain("non-zero exit code 2").And.Contain(message));
        Assert.That(dotnet.ExitCode, Is.EqualTo(2), dotnet.Stdout + dotnet.Stderr);
        Assert.That(dotnet.Stderr, Does.Contain(message));
        Assert.That(review.ExitCode, Is.EqualTo(2), review.Stdout + review.Stderr);
        Assert.That(review.Stderr, Does.Contain(message));
        Assert.That(File.Exists(Path.Combine(root, StackFile)), Is.False, "nothing synthesized");
    }

    // A scratch folder standing in for the repository root: cdktf.json as committed, but with the given context and
    // the app pointing at this repository's project, plus the one repository file the stack reads (no job package).
    private string ScratchRepository(JsonObject context)
    {
        var root = TestRunFolder.NewFolder("context");
        var definition = Path.Combine(root, "data-loader", "datasets", "mnist.json");
        Directory.CreateDirectory(Path.GetDirectoryName(definition)!);
        File.Copy(Repository.PathOf("data-loader", "datasets", "mnist.json"), definition);

        var cdktf = JsonNode.Parse(File.ReadAllText(Repository.PathOf("cdktf.json")))!.AsObject();
        cdktf["app"] = BuiltProject.App.DotnetRunCommand();
        cdktf["context"] = context;
        File.WriteAllText(Path.Combine(root, "cdktf.json"), cdktf.ToJsonString());
        return root;
    }

    private static ProcessRunner.Result Run(string root, string program, params string[] arguments) =>
        ProcessRunner.Run(program, arguments, root, QuietEnvironment);

    private static ProcessRunner.Result DotnetRun(string root) =>
        Run(root, "dotnet", BuiltProject.App.DotnetRun());

    private static ProcessRunner.Result Review(string root) =>
        Run(root, "dotnet", BuiltProject.Review.DotnetRun("--offline", "--out", Path.Combine(root, "review")));

    // Each path writes the same cdktf.out/ (same depth below the root, so relative paths agree); take the stack and
    // clear the folder for the next.
    private static string Synthesized(string root, ProcessRunner.Result run, string what)
    {
        var file = Path.Combine(root, StackFile);
        Assert.That(File.Exists(file), Is.True, $"{what} wrote no {StackFile} (exit {run.ExitCode}):\n{run.Stdout}\n{run.Stderr}");
        var json = File.ReadAllText(file);
        Directory.Delete(Path.Combine(root, "cdktf.out"), recursive: true);
        return json;
    }

    private static int CoreCount(string stackJson) =>
        JsonNode.Parse(stackJson)!["resource"]!["aws_emr_cluster"]!["emr_cluster"]!["core_instance_group"]!["instance_count"]!.GetValue<int>();
}
