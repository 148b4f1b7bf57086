namespace MnistEmr.Stacks.Constructs;

/// <summary>Input of <see cref="EmrCluster"/>.</summary>
public sealed record EmrClusterProps
{
    /// <summary>Required. The cluster's name.</summary>
    public required string Name { get; init; }

    /// <summary>Required. EMR release label, e.g. <c>emr-7.13.0</c>.</summary>
    public required string ReleaseLabel { get; init; }

    /// <summary>Required. The service role and instance profile.</summary>
    public required EmrRoles Roles { get; init; }

    /// <summary>Required. The EMR-managed security groups.</summary>
    public required EmrSecurityGroups SecurityGroups { get; init; }

    /// <summary>Required. The security configuration.</summary>
    public required EmrSecurityConfiguration SecurityConfiguration { get; init; }

    /// <summary>Required. The network; the cluster waits for its route to the internet.</summary>
    public required Network Network { get; init; }

    /// <summary>Required. Where EMR writes cluster and step logs (an <c>s3://</c> URI).</summary>
    public required string LogUri { get; init; }

    /// <summary>Whether the cluster ends after its last step or waits for more. Default transient.</summary>
    public ClusterLifecycle Lifecycle { get; init; } = ClusterLifecycle.Transient;

    /// <summary>Applications installed beside Spark, e.g. what an EMR Studio workspace needs. Default none.</summary>
    public IReadOnlyList<string> ExtraApplications { get; init; } = [];

    /// <summary>Required. Idle time after which EMR terminates the cluster.</summary>
    public required TimeSpan IdleTimeout { get; init; }

    /// <summary>Required. Instance type of the primary node.</summary>
    public required string PrimaryInstanceType { get; init; }

    /// <summary>Required. Instance type of the core nodes.</summary>
    public required string CoreInstanceType { get; init; }

    /// <summary>Required. Number of core nodes.</summary>
    public required int CoreInstanceCount { get; init; }

    /// <summary>How core capacity is bought. Default on-demand.</summary>
    public CapacityMarket CoreMarket { get; init; } = CapacityMarket.OnDemand;

    /// <summary>Highest spot price in USD per instance-hour; required with <see cref="CapacityMarket.Spot"/>.</summary>
    public decimal? CoreSpotMaxPrice { get; init; }

    /// <summary>Scripts run on every node at start. Default none.</summary>
    public IReadOnlyList<EmrBootstrapAction> BootstrapActions { get; init; } = [];

    /// <summary>Steps run in order once the cluster is up. Default none.</summary>
    public IReadOnlyList<MnistEmr.Contract.JobStep> Steps { get; init; } = [];

    /// <summary>Other resources the cluster must wait for: the data loader, the job's uploads, IAM policies, bucket guards. Default none.</summary>
    public IReadOnlyList<ITerraformDependable> WaitFor { get; init; } = [];
}
