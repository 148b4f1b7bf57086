namespace MnistJob.Steps;

/// <summary>Spark sizing of the steps; all settings also live in the stack's typed configuration.</summary>
public sealed record SparkSizing
{
    /// <summary>Explode tasks: shards per split, one shard a task (<c>range(0, N, 1, N)</c>).</summary>
    public int ExplodeShards { get; init; } = 16;

    /// <summary>Predict tasks of the evaluate step (<c>REPARTITION(N)</c> before the transformation) and its shuffle partitions.</summary>
    public int EvaluatePartitions { get; init; } = 16;

    /// <summary>
    /// <c>spark.executor.memoryOverhead</c> of the explode, evaluate and report steps: the off-heap share of each
    /// YARN container, which must hold the job binary the transformation starts beside the executor JVM.
    /// </summary>
    public string ExecutorMemoryOverhead { get; init; } = "1g";

    /// <summary>
    /// <c>spark.executor.memoryOverhead</c> of the train step: the single training process holds every training
    /// digit, its 1,176 features and LightGBM's dataset (about 2 GB for the full 60,000 digits).
    /// </summary>
    public string TrainMemoryOverhead { get; init; } = "4g";
}
