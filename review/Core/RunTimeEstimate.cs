namespace MnistEmr.Review.Core;

/// <summary>How long one pipeline run keeps the cluster, all of it billed: start-up, the steps, shutdown.</summary>
/// <param name="Cluster">What the estimate was made for.</param>
/// <param name="ProvisioningSeconds">From the cluster's request to its first step.</param>
/// <param name="Steps">The steps in order: canary, explode, train, evaluate, report, score.</param>
/// <param name="ShutdownSeconds">From the last step to termination.</param>
internal sealed record RunTimeEstimate(PlannedCluster Cluster, double ProvisioningSeconds, IReadOnlyList<StepEstimate> Steps, double ShutdownSeconds)
{
    /// <summary>The steps alone.</summary>
    public double StepSeconds => Steps.Sum(s => s.Seconds);

    /// <summary>Start-up, steps and shutdown.</summary>
    public double TotalSeconds => ProvisioningSeconds + StepSeconds + ShutdownSeconds;

    /// <summary><see cref="TotalSeconds"/> in hours, as the cost needs them.</summary>
    public decimal BilledHours => (decimal)TotalSeconds / 3600m;

    /// <summary>Every step's S3 requests together.</summary>
    public S3RequestCounts Requests => Steps.Aggregate(S3RequestCounts.None, (sum, s) => sum + s.Requests);
}
