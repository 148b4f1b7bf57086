namespace MnistEmr.Stacks.Constructs;

/// <summary>Input of <see cref="RunNotifications"/>.</summary>
public sealed record RunNotificationsProps
{
    /// <summary>Required. Prefix of the topic's, rule's and key alias's names.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>Required. The cluster's name: the rule matches this cluster's events by it.</summary>
    public required string ClusterName { get; init; }

    /// <summary>The name of the cluster's last step, whose COMPLETED ends a run; null when the cluster has no steps (no job package).</summary>
    public string? LastStepName { get; init; }

    /// <summary>The run id the steps run (<c>job-&lt;package hash&gt;</c>); null without a job package.</summary>
    public string? RunId { get; init; }

    /// <summary>Required. The run's dashboard in the CloudWatch console.</summary>
    public required string DashboardUrl { get; init; }

    /// <summary>Required. The account that deploys the stack (<see cref="DeployAccount.Id"/>): the key policy and the topic policy name it.</summary>
    public required string AccountId { get; init; }

    /// <summary>An email address to subscribe; null (the default) for none.</summary>
    public string? Email { get; init; }
}
