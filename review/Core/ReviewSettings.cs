namespace MnistEmr.Review.Core;

/// <summary>What the review needs besides the plan.</summary>
internal sealed record ReviewSettings
{
    /// <summary>Required. What is reviewed, for the report's heading.</summary>
    public required string Subject { get; init; }

    /// <summary>The stack's name (its folder under <c>cdktf.out/stacks/</c>); null when a plan file is reviewed.</summary>
    public string? Stack { get; init; }

    /// <summary>Whether the plan was made offline.</summary>
    public bool Offline { get; init; }

    /// <summary>
    /// Whether Terraform was asked for a destroy plan (<c>--destroy</c>): a plan that deletes nothing is then the destroy
    /// of an empty state, not a plan of an empty stack.
    /// </summary>
    public bool Destroy { get; init; }

    /// <summary>The one CIDR the configuration admits, or null.</summary>
    public string? AllowedIngressCidr { get; init; }

    /// <summary>Price tables by region.</summary>
    public IReadOnlyDictionary<string, PriceTable> PriceTables { get; init; } = new Dictionary<string, PriceTable>();

    /// <summary>
    /// Hours a pipeline run keeps the cluster (start-up, steps, shutdown), when the user gives them; null (the
    /// default) to estimate them with the step-time model.
    /// </summary>
    public decimal? RunHours { get; init; }
}
