using System.Collections.Concurrent;

namespace MnistEmr.Review.Tests.Support;

/// <summary>
/// Offline, gated reviews of synthesized stacks, each configuration's run once per test run and shared by every test
/// that only reads what it printed and wrote: each review plans with Terraform, which took 8 to 12 s.
/// </summary>
public static class TestReviews
{
    private static readonly ConcurrentDictionary<PipelineConfig, Lazy<Reviewed>> Runs = new();

    /// <summary>What one review printed, its <c>review.json</c> and its output folder (only read it).</summary>
    public sealed record Reviewed(Invocation.Run Run, JsonNode Json, string Out)
    {
        /// <summary>The security checks in <c>review.json</c>.</summary>
        public JsonNode[] Checks => Json["security"]!["checks"]!.AsArray().Select(c => c!).ToArray();

        /// <summary>The scanner rules judged, each on a resource.</summary>
        public (string Rule, string Resource, bool Failed)[] Findings => Json["security"]!["scannerFindings"]!.AsArray()
            .Select(f => ((string)f!["rule"]!, (string)f["resource"]!, (bool)f["failed"]!)).ToArray();

        /// <summary>The scanner rules excepted, each on a resource.</summary>
        public (string Rule, string Resource)[] Exceptions => Json["security"]!["scannerExceptions"]!.AsArray()
            .Select(e => ((string)e!["rule"]!, (string)e["resource"]!)).ToArray();
    }

    /// <summary>
    /// <c>--stack-dir &lt;the configuration's stack&gt; --offline --gate --out &lt;a fresh folder&gt;</c>, run the first time
    /// a test asks for the configuration, with the process environment as it is then (no MNIST_EMR_* setting is set
    /// outside a test's own try/finally) and the configuration's admitted network as the deploy would have it.
    /// </summary>
    public static Reviewed Gated(PipelineConfig config) => Runs.GetOrAdd(config, c => new Lazy<Reviewed>(() =>
        GatedOnce(TestStacks.Synthesize(c), DeployEnvironment(c)))).Value;

    /// <summary>
    /// The same review of a stack folder of the test's own (a weakened stack), run each time, not shared; with the
    /// default configuration's environment.
    /// </summary>
    public static Reviewed GatedOnce(string stack) => GatedOnce(stack, DeployEnvironment(new PipelineConfig()));

    private static Reviewed GatedOnce(string stack, IReadOnlyDictionary<string, string> environment)
    {
        var output = Invocation.OutputFolder();
        var run = Invocation.InvokeWith(environment, "--stack-dir", stack, "--offline", "--gate", "--out", output);
        return new Reviewed(run, JsonNode.Parse(File.ReadAllText(Path.Combine(output, "review.json")))!, output);
    }

    // The review reads the deploy's settings as the app does (MNIST_EMR_* variables), and judges the stack's ingress
    // rule against the one network the settings admit: a stack synthesized with one is reviewed with it set.
    private static Dictionary<string, string> DeployEnvironment(PipelineConfig config)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        const string Variable = "MNIST_EMR_ALLOWED_INGRESS_CIDR";
        if (config.AllowedIngressCidr is { } cidr)
            environment[Variable] = cidr;
        else
            environment.Remove(Variable);
        return environment;
    }
}
