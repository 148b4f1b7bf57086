namespace MnistEmr.Review.Rendering;

/// <summary>The cost section's wording, shared by the markdown, HTML and terminal renderers.</summary>
internal static class CostText
{
    /// <summary>Minutes as the review prints them, e.g. <c>36.2 min</c>, or <c>unknown</c>.</summary>
    public static string Minutes(double? seconds) => seconds is { } s ? (s / 60).ToString("0.0", CultureInfo.InvariantCulture) + " min" : "unknown";

    /// <summary>The run's duration and where it comes from, e.g. "36.2 min (estimated: start-up 10.0 min, steps 25.2 min, shutdown 1.0 min)".</summary>
    public static string Duration(CostEstimate cost) =>
        DurationParts(cost) is var (figure, detail) && detail.Length > 0 ? $"{figure} {detail}" : figure;

    /// <summary>
    /// <see cref="Duration"/> as its figure (e.g. "36.2 min") and what the figure rests on, apart, so that a summary can
    /// set the figure alone in bold; the detail is empty when there is none.
    /// </summary>
    public static (string Figure, string Detail) DurationParts(CostEstimate cost) => cost switch
    {
        { RunHoursGiven: true, RunHours: { } hours } =>
            ($"{((double)hours * 60).ToString("0.0", CultureInfo.InvariantCulture)} min",
                "from --run-hours" + (cost.RunTime is { } given ? $" (the model estimates {Minutes(given.TotalSeconds)})" : "")),
        { RunTime: { } run } =>
            (Minutes(run.TotalSeconds),
                $"(estimated: start-up {Minutes(run.ProvisioningSeconds)}, steps {Minutes(run.StepSeconds)}, shutdown {Minutes(run.ShutdownSeconds)})"),
        _ => ("unknown", ""),
    };

    /// <summary>How long a re-run of an unchanged source takes, e.g. "15.6 min (explode 0.6 min)", or <c>unknown</c>.</summary>
    public static string ReRunDuration(CostEstimate cost) => cost.ReRunTime is { } run
        ? $"{Minutes(run.TotalSeconds)} (explode {Minutes(run.Steps.FirstOrDefault(s => s.Name == MnistEmr.Contract.PipelineSteps.Explode.Name)?.Seconds)})"
        : "unknown";

    /// <summary>
    /// What the cost's figures lack, each named once, e.g. "Unknown, so left out of the figures above: the EMR fee of
    /// m5.xlarge in us-west-2; ..."; null when every figure is whole.
    /// </summary>
    public static string? LeftOut(CostEstimate cost) =>
        cost.Missing.Count == 0 ? null : "Unknown, so left out of the figures above: " + string.Join("; ", cost.Missing);

    /// <summary>A request count, e.g. <c>140,096</c>.</summary>
    public static string Count(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
