namespace MnistEmr.Stacks;

/// <summary>What a synthesis left in its stack folder.</summary>
/// <param name="Written">The stack file written (<c>cdk.tf.json</c> or <c>cdk.tf</c>).</param>
/// <param name="RemovedStale">The other format's file an earlier synthesis had left, now removed; null when there was none.</param>
public sealed record SynthesisResult(string Written, string? RemovedStale)
{
    /// <summary>The line saying so, e.g. "removed stale cdktf.out/stacks/mnist-pipeline/cdk.tf (...)"; null when nothing was removed.</summary>
    public string? RemovalLine => RemovedStale is null
        ? null
        : $"removed stale {RemovedStale}: an earlier synthesis left it beside {Path.GetFileName(Written)}, and Terraform would read both";
}
