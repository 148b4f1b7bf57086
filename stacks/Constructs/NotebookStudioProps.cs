namespace MnistEmr.Stacks.Constructs;

/// <summary>Input of <see cref="NotebookStudio"/>.</summary>
public sealed record NotebookStudioProps
{
    /// <summary>Required. Prefix of the Studio's, role's and groups' names.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>Required. The region, which the service role's trust conditions name.</summary>
    public required string Region { get; init; }

    /// <summary>Required. The deploying account (<see cref="DeployAccount.Id"/>): the service role trusts EMR only when EMR acts for it.</summary>
    public required string AccountId { get; init; }

    /// <summary>Required. The network of the cluster, where the Studio's workspaces run.</summary>
    public required Network Network { get; init; }

    /// <summary>Required. The bucket under which the workspaces' notebooks are kept (S3|3's).</summary>
    public required DataBucket NotebookBucket { get; init; }

    /// <summary>Required. The key prefix (ending in '/') of the notebooks in <see cref="NotebookBucket"/>.</summary>
    public required string NotebookPrefix { get; init; }

    /// <summary>The KMS key of the buckets, when they use one: the Studio's role then may use it for the notebooks. Default none.</summary>
    public string? KmsKeyArn { get; init; }
}
