namespace MnistEmr.Review.Cli;

/// <summary>What the user asked the review to do.</summary>
internal sealed record ReviewOptions
{
    /// <summary>Plan with placeholder credentials.</summary>
    public bool Offline { get; init; }

    /// <summary>Review a destroy plan.</summary>
    public bool Destroy { get; init; }

    /// <summary>Review this synthesized stack folder instead of synthesizing.</summary>
    public string? StackDirectory { get; init; }

    /// <summary>Review this saved plan JSON; no Terraform runs.</summary>
    public string? PlanJson { get; init; }

    /// <summary>Where review.md, review.json and review.html go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Exit non-zero when a security check fails.</summary>
    public bool Gate { get; init; }

    /// <summary>
    /// The most <see cref="RunHours"/> may be: a year. A run the cluster is busy for longer is a mistyped number, and
    /// far larger ones lose the cents the per-run sum is made of.
    /// </summary>
    public const decimal MaxRunHours = 8_760m;

    /// <summary>
    /// Hours a pipeline run keeps the cluster busy, for the cost, more than 0 and at most <see cref="MaxRunHours"/>;
    /// null for the step-time model's estimate.
    /// </summary>
    public decimal? RunHours { get; init; }

    /// <summary>Folder of the price tables.</summary>
    public string? PricesDirectory { get; init; }
}
