namespace MnistEmr.Job.Local;

/// <summary>What run-local did.</summary>
/// <param name="Train">The train stage's outcome.</param>
/// <param name="Evaluate">The evaluate stage's outcome.</param>
/// <param name="ExplodedDigits">Digits written to FORMAT A, both splits (none of the shards kept).</param>
/// <param name="ExplodeSeconds">Wall time of explode (both splits, all shards).</param>
/// <param name="TotalSeconds">Wall time of the whole chain.</param>
internal sealed record RunLocalResult(TrainResult Train, EvaluateResult Evaluate, int ExplodedDigits, double ExplodeSeconds, double TotalSeconds)
{
    /// <summary>Shards of both splits explode judged up to date and kept as they were.</summary>
    public int ExplodeShardsKept { get; init; }

    /// <summary>Shards of both splits in all, kept or written.</summary>
    public int ExplodeShards { get; init; }
}
