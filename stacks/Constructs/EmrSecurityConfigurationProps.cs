namespace MnistEmr.Stacks.Constructs;

/// <summary>Input of <see cref="EmrSecurityConfiguration"/>.</summary>
public sealed record EmrSecurityConfigurationProps
{
    /// <summary>Required. Prefix of the configuration's name.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>KMS key for EMRFS objects and local disks; null for SSE-S3 and no local-disk encryption key.</summary>
    public string? KmsKeyArn { get; init; }
}
