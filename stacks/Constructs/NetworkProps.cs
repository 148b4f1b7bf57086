namespace MnistEmr.Stacks.Constructs;

/// <summary>Input of <see cref="Network"/>.</summary>
public sealed record NetworkProps
{
    /// <summary>Required. Prefix of the <c>Name</c> tags.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>Required. Region, for the S3 endpoint's service name.</summary>
    public required string Region { get; init; }

    /// <summary>Required. CIDR block of the VPC.</summary>
    public required string VpcCidr { get; init; }

    /// <summary>Required. CIDR block of the public subnet, inside <see cref="VpcCidr"/>.</summary>
    public required string SubnetCidr { get; init; }

    /// <summary>Availability zone of the subnet; null lets AWS choose.</summary>
    public string? AvailabilityZone { get; init; }
}
