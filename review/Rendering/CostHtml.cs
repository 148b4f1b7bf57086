using System.Net;

namespace MnistEmr.Review.Rendering;

/// <summary>The cost section of <c>review.html</c>.</summary>
internal static class CostHtml
{
    /// <summary>Appends the section.</summary>
    public static void Append(StringBuilder html, CostEstimate cost)
    {
        var currency = cost.Prices?.Currency;
        html.Append("<h2>Cost</h2>");
        ReviewHtml.Table(html, ["group", "instance type", "count", "market", "per hour"], cost.Groups.Select(g =>
            new[] { E(g.Role), E(g.InstanceType), g.Count.ToString(CultureInfo.InvariantCulture), E(g.Market), E(Money.Format(g.Price, currency, covers: g.Covers)) }));
        html.Append("<ul>")
            .Append($"<li>Cluster per hour: <b>{E(Money.Format(cost.PerHourFigure, currency))}</b>{(cost.PerHourCovers is { } covers ? $" ({E(covers)})" : "")}</li>")
            .Append($"<li>Per pipeline run: <b>{E(Money.Format(cost.TotalPerRunFigure, currency))}</b>: the cluster {E(Money.Format(cost.PerRunFigure, currency))} ({E(cost.RunBasis)}) and S3 requests {E(Money.Format(cost.RequestsPerRunFigure, currency))}</li>")
            .Append($"<li>Run duration: <b>{E(CostText.Duration(cost))}</b></li>")
            .Append($"<li>Re-run of an unchanged source (explode finds FORMAT A up to date): <b>{E(Money.Format(cost.TotalPerReRunFigure, currency))}</b>, {E(CostText.ReRunDuration(cost))}</li>")
            .Append($"<li>Worst idle cost before auto-termination: {E(Money.Format(cost.WorstIdleFigure, currency))}</li>")
            .Append($"<li>Storage per month: {E(Money.Format(cost.StoragePerMonthFigure, currency))}</li>")
            .Append($"<li>KMS keys per month: {E(Money.Format(cost.KmsKeysPerMonth, "USD"))} ({cost.KmsKeys} at {E(Money.Format(CostEstimate.KmsKeyPerMonth, "USD"))}, AWS KMS pricing)</li>");
        if (CostText.LeftOut(cost) is { } leftOut)
            html.Append($"<li class=\"warn\">{E(leftOut)}</li>");
        html.Append("</ul>");
        if (cost.RunTime is { } run)
        {
            ReviewHtml.Table(html, ["step", "estimated", "S3 GET / PUT / LIST", "how"],
                new[] { new[] { "cluster start-up", E(CostText.Minutes(run.ProvisioningSeconds)), "", "EC2 launch, bootstrap, applications" } }
                    .Concat(run.Steps.Select(s => new[] { $"<code>{E(s.Name)}</code>", E(CostText.Minutes(s.Seconds)), E(Requests(s.Requests)), E(s.Basis) }))
                    .Append(["cluster shutdown", E(CostText.Minutes(run.ShutdownSeconds)), "", ""])
                    .Append(["<b>run</b>", $"<b>{E(CostText.Minutes(run.TotalSeconds))}</b>", E(Requests(run.Requests)), ""]));
        }
        html.Append("<details><summary>Assumptions</summary><ul>");
        foreach (var a in cost.Assumptions)
            html.Append($"<li>{E(a)}</li>");
        html.Append("</ul></details>");
    }

    private static string Requests(S3RequestCounts r) => $"{CostText.Count(r.Gets)} / {CostText.Count(r.Puts)} / {CostText.Count(r.ListPages)}";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
