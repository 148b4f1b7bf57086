using MnistEmr.Tests.Shared.Jsii;

namespace MnistEmr.Stacks.Tests;

/// <summary>
/// The ways a user synthesizes, run for real: <c>cdktf synth</c>, <c>cdktf synth --hcl</c> and a plain <c>dotnet run</c>,
/// each into its own folder at the same depth below the repository, so relative paths agree.
/// </summary>
[TestFixture]
[Category("Cli")]
public class CliSynthTests
{
    private const string StackFile = "stacks/mnist-pipeline/cdk.tf.json";
    private string _outdir = "";

    // `cdktf synth` and `cdktf synth --hcl`, each run once for the tests that only read what they wrote (each run took
    // 10 to 20 s, and each was run twice); a test that changes a folder works in a copy.
    private Lazy<(string Output, ProcessRunner.Result Run)> _json = null!;
    private Lazy<(string Output, ProcessRunner.Result Run)> _hcl = null!;

    // cdktf runs terraform, which needs a CLI configuration that exists. A job package is always given, so the
    // comparisons cover the job's steps (long SQL) whether or not scripts/publish-job.sh has run here.
    private static readonly Lazy<Dictionary<string, string>> Environment = new(() => new(TerraformCli.Settings)
    {
        ["CI"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["MNIST_EMR_JOB_ARTIFACT_PATH"] = JobPackageFixture.Path,
    });

    private static Dictionary<string, string> QuietEnvironment => Environment.Value;

    [OneTimeSetUp]
    public void RequireNodeModules()
    {
        if (!File.Exists(Repository.PathOf("node_modules", ".bin", "cdktf")))
            Assert.Ignore("node_modules/.bin/cdktf is missing: run npm ci first");
        _outdir = TestRunFolder.NewFolder("cli");
        _json = new(() => CdktfSynthRun("json"));
        _hcl = new(() => CdktfSynthRun("hcl", "--hcl"));
    }

    private (string Output, ProcessRunner.Result Run) CdktfSynthRun(string name, params string[] flags)
    {
        var output = Path.Combine(_outdir, name);
        var run = ProcessRunner.Run("npx", ["--no-install", "cdktf", "synth", "--output", output, .. flags], Repository.Root, QuietEnvironment)
            .EnsureSuccess($"cdktf synth {string.Join(' ', flags)}");
        return (output, run);
    }

    [Test]
    public void CdktfSynthAndDotnetRun_SameSettings_WriteTheSameStackJson()
    {
        var (viaCli, cli) = _json.Value;
        var viaDotnet = Path.Combine(_outdir, "dotnet");
        var run = ProcessRunner.Run("dotnet", ["run", "--project", "pipeline.csproj"], Repository.Root,
            new Dictionary<string, string>(QuietEnvironment) { ["CDKTF_OUTDIR"] = viaDotnet }).EnsureSuccess("dotnet run");

        Assert.That(File.ReadAllText(Path.Combine(viaDotnet, StackFile)), Is.EqualTo(File.ReadAllText(Path.Combine(viaCli, StackFile))));
        Assert.That(run.Stdout, Does.Contain($"wrote {Path.Combine(viaDotnet, StackFile)}"), "synthesis says where it wrote, as output");
        Assert.That(cli.Stdout, Does.Contain($"wrote {Path.Combine(viaCli, StackFile)}"), "cdktf synth shows the app's line");
        Assert.That(cli.Stdout + cli.Stderr, Does.Not.Contain("[ERROR] default - wrote"), "a success is not shown as an error");
    }

    [Test]
    public void App_Synthesis_LeavesNothingInTheTemporaryFolder()
    {
        // The built app itself, not `dotnet run`, whose MSBuild keeps files of its own in the temporary folder.
        var app = BuiltProject.App.BuiltAssembly();
        var temp = Path.Combine(_outdir, "tmp");
        Directory.CreateDirectory(temp);
        var outdir = Path.Combine(_outdir, "temp-check");

        var run = ProcessRunner.Run("dotnet", [app], Repository.Root,
            new Dictionary<string, string>(QuietEnvironment) { ["CDKTF_OUTDIR"] = outdir, ["TMPDIR"] = temp }).EnsureSuccess("the app");

        Assert.That(File.Exists(Path.Combine(outdir, StackFile)), Is.True, run.Stderr);
        Assert.That(Directory.EnumerateFileSystemEntries(temp), Is.Empty, "jsii's unpacked packages are deleted when the app ends");
    }

    // Before, SIGTERM ended the app with 143 and no cleanup (its jsii folder of 4 to 38 MB left behind), and Ctrl-C
    // with 130 but no line and the folder left.
    [TestCase(Interruption.CtrlC, SynthesisPoint.KernelStarted)]
    [TestCase(Interruption.CtrlC, SynthesisPoint.BuildingConstructs)]
    [TestCase(Interruption.SigTerm, SynthesisPoint.ProviderLoading)]
    [TestCase(Interruption.SigTerm, SynthesisPoint.BuildingConstructs)]
    public void App_InterruptedWhileSynthesizing_Exits130WithOneLineAndLeavesNothing(Interruption interruption, SynthesisPoint point)
    {
        var app = BuiltProject.App.BuiltAssembly();
        var temp = Directory.CreateDirectory(Path.Combine(_outdir, $"tmp-{interruption}-{point}")).FullName;

        var outcome = SynthesisInterruption.Run(app, [], Repository.Root, temp, interruption, point,
            new Dictionary<string, string>(QuietEnvironment) { ["CDKTF_OUTDIR"] = Path.Combine(_outdir, $"signal-{interruption}-{point}") });

        outcome.AssertCancelledCleanly("error: cancelled");
    }

    [TestCase("false", "cdk.tf.json", "cdk.tf")]
    [TestCase("true", "cdk.tf", "cdk.tf.json")]
    public void App_OtherFormatLeftInTheStackFolder_RemovesItAndSaysSo(string hcl, string written, string stale)
    {
        // SYNTH_HCL_OUTPUT is what `cdktf synth --hcl` sets for the app, whose own Synth() then writes cdk.tf.
        var app = BuiltProject.App.BuiltAssembly();
        var outdir = Path.Combine(_outdir, "stale-" + hcl);
        var stack = Path.Combine(outdir, "stacks", "mnist-pipeline");
        Directory.CreateDirectory(stack);
        File.WriteAllText(Path.Combine(stack, stale), "left by an earlier synthesis");

        var run = ProcessRunner.Run("dotnet", [app], Repository.Root,
            new Dictionary<string, string>(QuietEnvironment) { ["CDKTF_OUTDIR"] = outdir, ["SYNTH_HCL_OUTPUT"] = hcl }).EnsureSuccess("the app");

        Assert.That(Directory.GetFiles(stack).Select(Path.GetFileName), Does.Contain(written).And.Not.Contain(stale), run.Stderr);
        Assert.That(run.Stdout, Does.Contain($"removed stale {Path.Combine(stack, stale)}: an earlier synthesis left it beside {written}"));
    }

    [Test]
    public void DotnetRun_Help_ExplainsWhereSettingsComeFromAndSynthesizesNothing()
    {
        var outdir = Path.Combine(_outdir, "help");
        var help = ProcessRunner.Run("dotnet", BuiltProject.App.DotnetRun("--help"), Repository.Root,
            new Dictionary<string, string>(QuietEnvironment) { ["CDKTF_OUTDIR"] = outdir });
        var version = ProcessRunner.Run("dotnet", BuiltProject.App.DotnetRun("--version"), Repository.Root, QuietEnvironment);
        var unknown = ProcessRunner.Run("dotnet", BuiltProject.App.DotnetRun("--bogus"), Repository.Root,
            new Dictionary<string, string>(QuietEnvironment) { ["CDKTF_OUTDIR"] = outdir });

        Assert.That(help.ExitCode, Is.Zero, help.Stderr);
        Assert.That(help.Stdout, Does.Contain("MNIST_EMR_").And.Contain("cdktf.json").And.Contain("docs/configuration.md#configuration"));
        Assert.That(version.ExitCode, Is.Zero, version.Stderr);
        Assert.That(version.Stdout.Trim(), Does.Match(CliRun.VersionPattern));
        Assert.That(unknown.ExitCode, Is.EqualTo(2), unknown.Stderr);
        Assert.That(unknown.Stderr, Does.Contain("error: unknown argument '--bogus'"));
        Assert.That(Directory.Exists(outdir), Is.False, "--help, --version and a bad argument synthesize nothing");
    }

    [Test]
    public void CdktfSynthHcl_Default_ParsesBackToTheSameConfigurationAsTheJson()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(_json.Value.Output, StackFile)))!;
        Assert.That(json["resource"]!["aws_emr_cluster"]!["emr_cluster"]!["step"]!.AsArray(), Has.Count.EqualTo(6), "the job's steps (the canary first) are compared too");
        var hclFile = Path.Combine(_hcl.Value.Output, "stacks", "mnist-pipeline", "cdk.tf");
        Assert.That(File.ReadAllText(hclFile), Does.Not.Contain("[object Object]"));

        var parsed = Hcl2Json(hclFile);
        Assert.That(Canonical(parsed)!.ToJsonString(), Is.EqualTo(Canonical(json)!.ToJsonString()));
    }

    // The way out of the archived CDKTF (docs/toolchain.md, "CDK for Terraform is archived"): the HCL it synthesizes, run as a
    // plain Terraform module with no CDKTF at all. Terraform's own verdict, warnings included: CDKTF 0.21 writes each
    // depends_on entry as a quoted string, 52 "Quoted references are deprecated" warnings before synthesis unquoted them.
    [Test]
    [Category("Terraform")]
    public void CdktfSynthHcl_Default_PlainTerraformValidatesWithNoErrorOrWarningAndPlansOffline()
    {
        TerraformCli.RequireOrSkip();
        var synthesized = Path.Combine(_hcl.Value.Output, "stacks", "mnist-pipeline");
        Assert.That(Directory.GetFiles(synthesized, "*.tf*").Select(Path.GetFileName), Is.EqualTo(new[] { "cdk.tf" }), "one plain module file");
        // Terraform writes into the folder it runs in: a copy at the same depth, so relative paths agree.
        var folder = Path.Combine(TempFolder.CopyTree(_hcl.Value.Output, Path.Combine(_outdir, "hcl-module")), "stacks", "mnist-pipeline");
        var hcl = File.ReadAllText(Path.Combine(folder, "cdk.tf"));
        Assert.That(hcl, Does.Contain("depends_on = [").And.Contain("variable \"account_id\""));

        var module = TerraformWorkspace.Init(folder, "us-east-1");
        var validate = module.Validate();
        Assert.That(((bool?)validate["valid"], (int?)validate["error_count"], (int?)validate["warning_count"]), Is.EqualTo((true, 0, 0)), validate.ToJsonString());
        var plan = new PlanDocument(module.Plan());
        Assert.That(plan.Changes.Select(c => c.Address), Does.Contain("aws_emr_cluster.emr_cluster").And.Contain("aws_kms_key.kms_key"));
        Assert.That(plan.Changes.Select(c => c.Actions), Has.All.EqualTo(new[] { "create" }));
    }

    [Test]
    public void DotnetRun_InvalidSetting_ExitsWithTwoNamingTheSetting()
    {
        var stderr = AppRefusesSetting("invalid", "MNIST_EMR_CORE_INSTANCE_COUNT", "lots");

        Assert.That(stderr, Does.Contain("setting 'coreInstanceCount' (MNIST_EMR_CORE_INSTANCE_COUNT) must be a whole number; got 'lots'"));
    }

    [Test]
    public void DotnetRun_StudioWithTransientCluster_ExitsWithTwoOnOneLineNamingBothSettings()
    {
        var stderr = AppRefusesSetting("studio-transient", "MNIST_EMR_NOTEBOOKS", "studio");

        // The app's one error and, below it, one line per invalid setting: here one, naming both settings.
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines.Count(l => l.StartsWith("error:", StringComparison.Ordinal)), Is.EqualTo(1), stderr);
        var settings = lines.Where(l => l.StartsWith("setting '", StringComparison.Ordinal)).ToArray();
        Assert.That(settings, Has.Length.EqualTo(1), stderr);
        Assert.That(settings[0], Does.StartWith("setting 'notebooks' (MNIST_EMR_NOTEBOOKS) studio needs clusterLifecycle persistent, not transient"));
    }

    /// <summary>
    /// <c>dotnet run</c> of the app with <paramref name="variable"/> set to <paramref name="value"/>, into a folder
    /// <paramref name="outdir"/> of its own: it must refuse the setting (exit 2) without a stack trace and synthesize
    /// nothing. Returns what it wrote to stderr.
    /// </summary>
    private string AppRefusesSetting(string outdir, string variable, string value)
    {
        var result = ProcessRunner.Run("dotnet", BuiltProject.App.DotnetRun(), Repository.Root,
            new Dictionary<string, string>(QuietEnvironment)
            {
                ["CDKTF_OUTDIR"] = Path.Combine(_outdir, outdir),
                [variable] = value,
            });
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Stdout + result.Stderr);
        Assert.That(result.Stderr, Does.Not.Contain("   at "), "no stack trace for a user error");
        Assert.That(File.Exists(Path.Combine(_outdir, outdir, StackFile)), Is.False, "nothing synthesized");
        return result.Stderr;
    }

    // JSON and HCL spell the same configuration differently: HCL has no comments ("//" metadata), every block and
    // resource body is a list, an empty list attribute may be left out, a string of digits may be written as a
    // number (Terraform converts between them by the attribute's type), depends_on holds references, and terraform fmt
    // pads the braces of an object inside an expression. Map both to one form.
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonArray { Count: 1 } single when single[0] is JsonObject => Canonical(single[0]),
        JsonArray array => new JsonArray(array.Select(Canonical).ToArray()),
        JsonObject obj => new JsonObject(obj
            .Where(p => p.Key != "//" && p.Value is not JsonArray { Count: 0 })
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Key is "depends_on" or "type" ? References(p.Value) : p.Value)))),
        null => null,
        // terraform fmt (which cdktf runs on cdk.tf) pads object braces inside expressions: { "a" = 1 }.
        JsonValue value => JsonValue.Create(System.Text.RegularExpressions.Regex.Replace(value.ToJsonString().Trim('"'), @"\{ +| +\}", m => m.Value.Trim())),
        _ => throw new ArgumentException($"unexpected JSON node {node}"),
    };

    // depends_on names resources and a variable's type is a type: plain strings in JSON, bare words in the HCL
    // (StackFolder unquotes depends_on), which hcl2json reads back as "${...}".
    private static JsonNode? References(JsonNode? node) => node switch
    {
        JsonArray entries => new JsonArray(entries.Select(References).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(text.StartsWith("${", StringComparison.Ordinal) ? text[2..^1] : text),
        _ => node?.DeepClone(),
    };

    private static JsonNode Hcl2Json(string file)
    {
        const string script = "const {parse}=require('@cdktf/hcl2json');const fs=require('fs');"
            + "parse(process.argv[1],fs.readFileSync(process.argv[1],'utf8')).then(j=>process.stdout.write(JSON.stringify(j)))"
            + ".catch(e=>{console.error(e);process.exit(1)})";
        var result = ProcessRunner.Run("node", ["-e", script, file], Repository.Root,
            new Dictionary<string, string> { ["NODE_PATH"] = Repository.PathOf("node_modules") }).EnsureSuccess("hcl2json");
        return JsonNode.Parse(result.Stdout)!;
    }
}
