namespace MnistEmr.Stacks.Constructs;

/// <summary>Input of <see cref="RunDashboard"/>.</summary>
public sealed record RunDashboardProps
{
    /// <summary>Required. The dashboard's name (<see cref="RunDashboard.NameOf"/>).</summary>
    public required string Name { get; init; }

    /// <summary>Required. The region of the cluster's metrics.</summary>
    public required string Region { get; init; }

    /// <summary>Required. The cluster's id (j-…), the <c>JobFlowId</c> dimension of its metrics.</summary>
    public required string ClusterId { get; init; }

    /// <summary>The notification rule's name, whose matches are drawn beside the metrics; null for none.</summary>
    public string? NotificationRuleName { get; init; }

    /// <summary>The cluster's steps in the order EMR runs them, listed on the dashboard. Default none.</summary>
    public IReadOnlyList<string> StepNames { get; init; } = [];
}
