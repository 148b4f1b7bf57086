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
    public sealed record Reviewed(Invocation.Run Run, JsonNode Json, string Out);

    /// <summary>
    /// <c>--stack-dir &lt;the configuration's stack&gt; --offline --gate --out &lt;a fresh folder&gt;</c>, run the first time
    /// a test asks for the configuration, with the process environment as it is then (no MNIST_EMR_* setting is set
    /// outside a test's own try/finally).
    /// </summary>
    public static Reviewed Gated(PipelineConfig config) => Runs.GetOrAdd(config, c => new Lazy<Reviewed>(() =>
    {
        var stack = TestStacks.Synthesize(c);
        var output = Invocation.OutputFolder();
        var run = Invocation.Invoke("--stack-dir", stack, "--offline", "--gate", "--out", output);
        return new Reviewed(run, JsonNode.Parse(File.ReadAllText(Path.Combine(output, "review.json")))!, output);
    })).Value;
}
