namespace MnistEmr.Review.Rendering;

/// <summary>The cost section of <c>review.md</c>.</summary>
internal static class CostMarkdown
{
    /// <summary>Appends the section.</summary>
    public static void Append(StringBuilder md, CostEstimate cost)
    {
        var currency = cost.Prices?.Currency;
        md.AppendLine("## Cost").AppendLine();
        md.AppendLine("| group | instance type | count | market | per hour |").AppendLine("|---|---|---|---|---|");
        foreach (var g in cost.Groups)
            md.AppendLine($"| {g.Role} | {g.InstanceType} | {g.Count} | {g.Market} | {Money.Format(g.Price, currency, covers: g.Covers)} |");
        md.AppendLine();
        md.AppendLine($"- Cluster per hour: **{Money.Format(cost.PerHourFigure, currency)}**{(cost.PerHourCovers is { } covers ? $" ({covers})" : "")}");
        md.AppendLine($"- Per pipeline run: **{Money.Format(cost.TotalPerRunFigure, currency)}**: the cluster {Money.Format(cost.PerRunFigure, currency)} ({cost.RunBasis}) and S3 requests {Money.Format(cost.RequestsPerRunFigure, currency)}");
        md.AppendLine($"- Run duration: **{CostText.Duration(cost)}**");
        md.AppendLine($"- Re-run of an unchanged source (explode finds FORMAT A up to date): **{Money.Format(cost.TotalPerReRunFigure, currency)}**, {CostText.ReRunDuration(cost)}");
        md.AppendLine($"- Worst idle cost before auto-termination: {Money.Format(cost.WorstIdleFigure, currency)}");
        md.AppendLine($"- Storage per month: {Money.Format(cost.StoragePerMonthFigure, currency)}");
        md.AppendLine($"- KMS keys per month: {Money.Format(cost.KmsKeysPerMonth, "USD")} ({cost.KmsKeys} at {Money.Format(CostEstimate.KmsKeyPerMonth, "USD")}, AWS KMS pricing; requests stay in the free tier with bucket keys)");
        if (CostText.LeftOut(cost) is { } leftOut)
            md.AppendLine($"- {leftOut}");
        md.AppendLine();
        if (cost.RunTime is { } run)
        {
            md.AppendLine("| step | estimated | S3 GET / PUT / LIST | how |").AppendLine("|---|---|---|---|");
            md.AppendLine($"| cluster start-up | {CostText.Minutes(run.ProvisioningSeconds)} | | EC2 launch, bootstrap, applications |");
            foreach (var s in run.Steps)
                md.AppendLine($"| `{s.Name}` | {CostText.Minutes(s.Seconds)} | {CostText.Count(s.Requests.Gets)} / {CostText.Count(s.Requests.Puts)} / {CostText.Count(s.Requests.ListPages)} | {s.Basis} |");
            md.AppendLine($"| cluster shutdown | {CostText.Minutes(run.ShutdownSeconds)} | | |");
            md.AppendLine($"| **run** | **{CostText.Minutes(run.TotalSeconds)}** | {CostText.Count(run.Requests.Gets)} / {CostText.Count(run.Requests.Puts)} / {CostText.Count(run.Requests.ListPages)} | |");
            md.AppendLine();
        }
        foreach (var a in cost.Assumptions)
            md.AppendLine($"- Assumption: {a}");
        md.AppendLine();
    }
}
