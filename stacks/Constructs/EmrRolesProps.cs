namespace MnistEmr.Stacks.Constructs;

/// <summary>Input of <see cref="EmrRoles"/>.</summary>
public sealed record EmrRolesProps
{
    /// <summary>Required. Prefix of the role names.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>Required. Every bucket the cluster's nodes may touch, and how; no other bucket is reachable.</summary>
    public required IReadOnlyList<BucketGrant> Grants { get; init; }

    /// <summary>Required. The region the cluster runs in, for the trust policy's <c>aws:SourceArn</c>.</summary>
    public required string Region { get; init; }

    /// <summary>
    /// Required. The account deployed to (<see cref="DeployAccount.Id"/>): the service role's trust policy names it
    /// (the confused-deputy conditions).
    /// </summary>
    public required string AccountId { get; init; }

    /// <summary>The KMS key the buckets are encrypted with; null for SSE-S3.</summary>
    public string? KmsKeyArn { get; init; }
}
