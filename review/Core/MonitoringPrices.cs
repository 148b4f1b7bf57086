namespace MnistEmr.Review.Core;

/// <summary>
/// The list prices of the parts around a run, in USD, as recorded from AWS's pricing pages (US East (N. Virginia); the
/// review applies them in every region, where the pages list the same dashboard and key prices). Each is a named,
/// sourced figure, as <see cref="StepTimeAssumptions"/>' are.
/// </summary>
internal static class MonitoringPrices
{
    /// <summary>When the figures were recorded.</summary>
    public const string AsOf = "2026-12-07";

    /// <summary>Amazon CloudWatch Pricing: a dashboard per month, beyond the free tier's.</summary>
    public const decimal DashboardPerMonth = 3.00m;

    /// <summary>Amazon CloudWatch Pricing, free tier: dashboards a month at no charge, each of up to <see cref="FreeTierDashboardMetrics"/> metrics.</summary>
    public const int FreeTierDashboards = 3;

    /// <summary>The most metrics a free-tier dashboard may show.</summary>
    public const int FreeTierDashboardMetrics = 50;

    /// <summary>AWS Key Management Service Pricing: a customer managed key per month (prorated by the hour), whatever its use; the one figure <see cref="CostEstimate.KmsKeyPerMonth"/> holds.</summary>
    public const decimal KmsKeyPerMonth = CostEstimate.KmsKeyPerMonth;

    /// <summary>Amazon SNS Pricing: email notifications a month at no charge.</summary>
    public const int FreeEmailsPerMonth = 1_000;

    /// <summary>Amazon SNS Pricing: email notifications beyond the free ones, per 100,000.</summary>
    public const decimal EmailPer100000 = 2.00m;

    /// <summary>Where each figure comes from.</summary>
    public static readonly IReadOnlyList<string> SourceUrls =
    [
        "https://aws.amazon.com/cloudwatch/pricing/",
        "https://aws.amazon.com/sns/pricing/",
        "https://aws.amazon.com/eventbridge/pricing/",
        "https://aws.amazon.com/kms/pricing/",
        "https://aws.amazon.com/emr/pricing/",
    ];
}
