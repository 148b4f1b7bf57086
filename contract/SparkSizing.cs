namespace MnistEmr.Contract;

/// <summary>
/// What the steps are sized from: the cluster's core nodes, the training set's size and the two task counts a user
/// may set. <see cref="ClusterPlan.For"/> turns it into explicit executor settings.
/// </summary>
public sealed record SparkSizing
{
    /// <summary>The default of <see cref="ExplodeShards"/>: a small multiple of the default cluster's 8 worker slots.</summary>
    public const int DefaultExplodeShards = 16;

    /// <summary>The default of <see cref="EvaluatePartitions"/>.</summary>
    public const int DefaultEvaluatePartitions = 16;

    /// <summary>The default of <see cref="CoreInstanceCount"/>.</summary>
    public const int DefaultCoreInstanceCount = 2;

    /// <summary>Explode tasks: shards per split, one shard a task (<c>range(0, N, 1, N)</c>).</summary>
    public int ExplodeShards { get; init; } = DefaultExplodeShards;

    /// <summary>Predict tasks of the evaluate step (<c>REPARTITION(N)</c> before the transformation) and its shuffle partitions.</summary>
    public int EvaluatePartitions { get; init; } = DefaultEvaluatePartitions;

    /// <summary>The instance type of the core nodes, where YARN runs every executor.</summary>
    public InstanceType CoreInstance { get; init; } = InstanceCatalogue.Default;

    /// <summary>Core nodes of the cluster.</summary>
    public int CoreInstanceCount { get; init; } = DefaultCoreInstanceCount;

    /// <summary>Digits of the training split (the dataset definition's count): the train step's memory grows with it.</summary>
    public int TrainDigits { get; init; } = 60_000;

    /// <summary>
    /// Configurations of the train step's hyperparameter sweep, each its own task in its own executor at once; 0 for no
    /// sweep (one training on every training digit).
    /// </summary>
    public int SweepCandidates { get; init; }

    /// <summary>Seed of the sweep's random draw and of its validation split.</summary>
    public int SweepSeed { get; init; } = 1;

    /// <summary>
    /// Whether the explode step writes every shard again (<see cref="ReExplodeOption"/> on its command line) rather
    /// than keeping the shards whose FORMAT A is up to date with S3|1, the layout and <see cref="ExplodeShards"/>.
    /// Not a size: it sits here because the steps are generated from this record. Default false.
    /// </summary>
    public bool ReExplode { get; init; }

    /// <summary>The job's flag, on <c>explode</c>, <c>run-local</c> and <c>rows explode</c>, that <see cref="ReExplode"/> adds to the explode step.</summary>
    public const string ReExplodeOption = "--re-explode";

    /// <summary>
    /// The most shards per split, everywhere a shard count is taken (the stack's <c>explodeShards</c>, the job's
    /// <c>--shards</c>): beyond it every shard is nearly empty and only adds a manifest and a task.
    /// </summary>
    public const int MaxExplodeShards = 10_000;

    /// <summary>The most configurations of a sweep (the job's own bound: <c>SweepSettings.MaxCandidates</c>).</summary>
    public const int MaxSweepCandidates = 32;

    /// <summary>The most evaluate partitions, everywhere they are taken (the stack's <c>evaluatePartitions</c>): beyond it each holds a digit or none.</summary>
    public const int MaxEvaluatePartitions = 10_000;
}
