namespace MnistEmr.Stacks.Constructs;

/// <summary>Input of <see cref="LogDelivery"/>.</summary>
public sealed record LogDeliveryProps
{
    /// <summary>Required. The log bucket every log goes to (SSE-S3: access logging cannot deliver to SSE-KMS).</summary>
    public required DataBucket Target { get; init; }

    /// <summary>Required. The buckets whose requests are logged into <see cref="Target"/>.</summary>
    public required IReadOnlyList<DataBucket> LoggedBuckets { get; init; }

    /// <summary>Required. The VPC whose flow logs go to <see cref="Target"/>.</summary>
    public required string VpcId { get; init; }

    /// <summary>Required. The region, for the flow-log delivery's <c>aws:SourceArn</c>.</summary>
    public required string Region { get; init; }

    /// <summary>Required. Prefix of the flow log's <c>Name</c> tag.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>Required. The account (<see cref="DeployAccount.Id"/>), which the delivery statements name (confused-deputy conditions).</summary>
    public required string AccountId { get; init; }
}
