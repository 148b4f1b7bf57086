namespace MnistEmr.Stacks.Constructs;

/// <summary>Input of <see cref="EmrSecurityGroups"/>.</summary>
public sealed record EmrSecurityGroupsProps
{
    /// <summary>Required. Prefix of the group names.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>Required. The VPC the groups belong to.</summary>
    public required string VpcId { get; init; }

    /// <summary>The one CIDR that may reach the primary node by SSH; null (the default) allows no ingress from outside.</summary>
    public string? AllowedIngressCidr { get; init; }
}
