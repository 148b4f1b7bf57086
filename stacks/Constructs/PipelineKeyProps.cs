namespace MnistEmr.Stacks.Constructs;

/// <summary>Input of <see cref="PipelineKey"/>.</summary>
public sealed record PipelineKeyProps
{
    /// <summary>Required. Prefix of the key's description and alias.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>Required. The account whose IAM policies may grant the key (its key policy names the account's root).</summary>
    public required string AccountId { get; init; }

    /// <summary>Required. The key's region, for its alias ARN.</summary>
    public required string Region { get; init; }
}
