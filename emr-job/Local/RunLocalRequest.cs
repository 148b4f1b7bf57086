namespace MnistEmr.Job.Local;

/// <summary>The whole chain in one process.</summary>
/// <param name="Source">S3|1: the four IDX .gz files.</param>
/// <param name="FormatA">S3|2: the FORMAT A tree.</param>
/// <param name="Models">S3|4: models and cards.</param>
/// <param name="Reports">S3|3: reports.</param>
/// <param name="Layout">FORMAT A naming and nesting.</param>
/// <param name="Shards">Shards per split.</param>
/// <param name="Trainer">Hyperparameters.</param>
/// <param name="RunId">The run id.</param>
internal sealed record RunLocalRequest(
    StoreLocation Source,
    StoreLocation FormatA,
    StoreLocation Models,
    StoreLocation Reports,
    FormatALayoutSettings Layout,
    int Shards,
    TrainerSettings Trainer,
    string RunId)
{
    /// <summary>Train and evaluate on trees explode did not finish (another explode's manifests beside this one's) instead of refusing.</summary>
    public bool AllowIncomplete { get; init; }

    /// <summary>Explode every shard, even those whose FORMAT A is up to date (by default they are kept as they are).</summary>
    public bool ReExplode { get; init; }

    /// <summary>The hyperparameter sweep of the train stage; off by default.</summary>
    public SweepSettings Sweep { get; init; } = SweepSettings.Off;
}
