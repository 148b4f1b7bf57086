namespace MnistEmr.Stacks.Constructs;

/// <summary>Input of <see cref="JobArtifact"/>.</summary>
public sealed record JobArtifactProps
{
    /// <summary>Required. The published job package (.tar.gz), relative to the repository or absolute.</summary>
    public required string PackagePath { get; init; }

    /// <summary>The bootstrap script that installs the package on each node. Default <c>emr-job/bootstrap/install-job.sh</c>.</summary>
    public string BootstrapScriptPath { get; init; } = "emr-job/bootstrap/install-job.sh";

    /// <summary>Required. The bucket that holds the job and its bootstrap script.</summary>
    public required DataBucket Bucket { get; init; }

    /// <summary>Required. The repository, to find the files and to refer to them from the stack folder.</summary>
    public required RepositoryLayout Repository { get; init; }
}
