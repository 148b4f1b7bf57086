namespace Pipeline.Stacks.Constructs;

/// <summary>Input of <see cref="EmrRoles"/>.</summary>
public sealed record EmrRolesProps
{
    /// <summary>Required. Prefix of the role names.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>Required. Every bucket the cluster's nodes may touch, and how; no other bucket is reachable.</summary>
    public required IReadOnlyList<BucketGrant> Grants { get; init; }

    /// <summary>The KMS key the buckets are encrypted with; null for SSE-S3.</summary>
    public string? KmsKeyArn { get; init; }
}
