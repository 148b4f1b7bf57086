using System.Net;

namespace MnistEmr.Review.Rendering;

/// <summary>The section on the parts around a run (notifications, dashboard, notebooks) in <c>review.md</c>, <c>review.html</c> and <c>review.json</c>.</summary>
internal static class MonitoringRendering
{
    private const string Title = "Around the run: notifications, dashboard, notebooks";

    /// <summary>Appends the Markdown section; nothing when the plan has no monitoring part.</summary>
    public static void AppendMarkdown(StringBuilder md, MonitoringCost cost)
    {
        if (cost.Charges.Count == 0)
            return;
        md.AppendLine($"## {Title}").AppendLine();
        md.AppendLine($"At most **{Money.Format(cost.PerMonth, "USD")} a month** (prices as of {MonitoringPrices.AsOf}).").AppendLine();
        md.AppendLine("| part | resource | per month | why |").AppendLine("|---|---|---|---|");
        foreach (var c in cost.Charges)
            md.AppendLine($"| {c.Part.Title} | `{c.Resource}` | {Money.Format(c.PerMonth, "USD")} | {c.Basis.Replace("|", "\\|", StringComparison.Ordinal)} |");
        md.AppendLine().AppendLine($"Sources: {string.Join(", ", MonitoringPrices.SourceUrls)}").AppendLine();
    }

    /// <summary>Appends the HTML section; nothing when the plan has no monitoring part.</summary>
    public static void AppendHtml(StringBuilder html, MonitoringCost cost)
    {
        if (cost.Charges.Count == 0)
            return;
        html.Append($"<h2>{E(Title)}</h2><p>At most <b>{E(Money.Format(cost.PerMonth, "USD"))} a month</b> (prices as of {E(MonitoringPrices.AsOf)}).</p>");
        ReviewHtml.Table(html, ["part", "resource", "per month", "why"],
            cost.Charges.Select(c => new[] { E(c.Part.Title), $"<code>{E(c.Resource)}</code>", E(Money.Format(c.PerMonth, "USD")), E(c.Basis) }));
        html.Append("<p>Sources: ").Append(string.Join(", ", MonitoringPrices.SourceUrls.Select(u => $"<a href=\"{E(u)}\">{E(u)}</a>"))).Append("</p>");
    }

    /// <summary>The <c>monitoring</c> object of <c>review.json</c>.</summary>
    public static JsonObject Json(MonitoringCost cost) => new()
    {
        ["currency"] = "USD",
        ["pricesAsOf"] = MonitoringPrices.AsOf,
        ["pricesSourceUrls"] = new JsonArray(MonitoringPrices.SourceUrls.Select(u => (JsonNode?)JsonValue.Create(u)).ToArray()),
        ["perMonth"] = cost.PerMonth,
        ["charges"] = new JsonArray(cost.Charges.Select(c => (JsonNode?)new JsonObject
        {
            ["part"] = c.Part.Name, ["resource"] = c.Resource, ["perMonth"] = c.PerMonth, ["basis"] = c.Basis,
        }).ToArray()),
    };

    /// <summary>The terminal summary's line, or null when the plan has no monitoring part.</summary>
    public static string? SummaryLine(MonitoringCost cost) => cost.Charges.Count == 0
        ? null
        : $"Around the run: {string.Join(", ", cost.Charges.Select(c => c.Part).Distinct().Select(p => p.Caption))}, "
          + $"at most {Money.Format(cost.PerMonth, "USD")}/month";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
