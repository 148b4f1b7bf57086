namespace MnistEmr.Job.Explode;

/// <summary>
/// <c>--re-explode</c>, one definition for <c>explode</c>, <c>run-local</c> and <c>rows explode</c> (which the
/// stack's <c>reExplode</c> setting passes it): write every shard, even those already up to date.
/// </summary>
internal static class ReExplodeOption
{
    /// <summary>Creates the option.</summary>
    public static Option<bool> Create() => new(SparkSizing.ReExplodeOption)
    {
        Description = "Explode every shard again, even one whose FORMAT A is up to date (its plan and manifest record the same "
            + "S3|1 SHA-256s, layout, seed and shard count). Without it such a shard is kept as it is and logged as skipped.",
    };
}
