namespace MnistEmr.Contract;

/// <summary>
/// Attempts of a failed task (<c>spark.task.maxFailures</c>, default 4; 1 means no retry: Spark 3.5
/// docs/configuration.md). It is read once when the context starts, so it is a launch option, not a SQL SET.
/// </summary>
public enum StepRetries
{
    /// <summary>Deterministic work (training, the report, the canary's verdict): a failure would only repeat. S3 hiccups are
    /// retried inside the job process by the SDK, and a lost executor does not count as a task failure.</summary>
    None = 1,

    /// <summary>Work that a transient failure can break and a retry repairs: each shard or batch rewrites the same keys or nothing.</summary>
    Transient = 4,
}
