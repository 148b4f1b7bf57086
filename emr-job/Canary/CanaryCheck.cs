namespace MnistEmr.Job.Canary;

/// <summary>One check of the canary step, as a row: which task ran it, what it checked, whether it passed and what it saw.</summary>
/// <param name="Task">The canary task (executor slot) that ran the check.</param>
/// <param name="Probe">The check's name, e.g. <c>lightgbm</c> or <c>write S3|4</c>.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Detail">What was seen: a version, a size, the error's one line.</param>
/// <param name="Host">The host name of the node whose executor ran it; empty when not known.</param>
internal sealed record CanaryCheck(int Task, string Probe, bool Passed, string Detail, string Host = "")
{
    /// <summary>The job process started: version, platform, vCPUs, heap limit.</summary>
    public const string JobProcess = "job-process";

    /// <summary>LightGBM's native library loaded and trained a tiny model.</summary>
    public const string LightGbm = "lightgbm";

    /// <summary>S3|1 holds the loader's manifest and files of its sizes and SHA-256s (task 0).</summary>
    public static readonly string SourceManifest = $"{PipelineNodes.Source.Label} manifest";

    /// <summary>S3|1 refuses a write (on AWS).</summary>
    public static readonly string ReadOnlySource = $"{PipelineNodes.Source.Label} read-only";

    /// <summary>The probe tree was written (task 0).</summary>
    public const string ProbeTree = "probe tree";

    /// <summary>The job's listing and the fetch tasks delivered exactly the probe tree, paired by name.</summary>
    public const string TreeRead = "tree read";

    /// <summary>A probe object written, read back and deleted under <paramref name="node"/>: <c>write S3|4</c>.</summary>
    public static string Write(PipelineNode node) => $"write {node.Label ?? node.Caption}";
}
