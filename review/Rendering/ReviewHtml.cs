using System.Net;

namespace MnistEmr.Review.Rendering;

/// <summary><c>review.html</c>: the review as one self-contained page (inline style, inline SVG diagram).</summary>
internal static class ReviewHtml
{
    /// <summary>Renders the review.</summary>
    public static string Render(ReviewReport report)
    {
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(report.Title)}</title><style>")
            .Append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}")
            .Append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;font-size:14px}th{background:#f3f3f3}")
            .Append(".fail{color:#b00020;font-weight:bold}.pass{color:#176b2c}.warn{color:#8a5a00;font-weight:bold}.alarm{background:#fde7e9;border-left:4px solid #b00020;padding:8px;margin:8px 0}")
            .Append(".notice{background:#fff4e0;border-left:4px solid #b07d2b;padding:8px}figure.diagram{margin:0}figure.diagram svg{max-width:100%;height:auto}figcaption{font-size:13px;color:#555}")
            // The diagram is wider than the text column (eight columns of buckets and steps): it takes the window's
            // width, centred on the column, so that its labels stay readable; its caption stays in the column.
            .Append("figure.diagram{width:calc(100vw - 48px);position:relative;left:50%;transform:translateX(-50%)}figure.diagram figcaption{max-width:1100px;margin:0 auto}")
            .Append("code{font-size:13px}section.summary{border:1px solid #ccc;border-radius:6px;padding:4px 16px 8px;margin:1em 0 2em;background:#fafafa}")
            .Append("section.summary table{margin:.5em 0}section.summary th{width:9em;background:none;border:none;border-bottom:1px solid #e4e4e4;vertical-align:top}")
            .Append("section.summary td{border:none;border-bottom:1px solid #e4e4e4;font-size:15px}.subject{color:#555;font-size:13px}</style></head><body>");
        html.Append($"<h1>{E(report.Title)}</h1>");
        Summary(html, report);

        html.Append("<h2>Changes</h2><p>")
            .Append(E(string.Join(", ", report.Changes.Counts.Select(c => $"{c.Value} to {ReviewJson.Action(c.Key)}")))).Append("</p>");
        foreach (var alarm in report.Changes.Alarms)
            html.Append($"<div class=\"alarm\"><b>WARNING</b> <code>{E(alarm.Address)}</code>: {E(alarm.Alarm!)}</div>");
        Table(html, ["part", "create", "update", "replace", "delete"], report.Changes.Entries.GroupBy(e => e.Part).OrderBy(g => g.Key).Select(g =>
            new[] { E(g.Key.Title) }.Concat(new[] { ChangeAction.Create, ChangeAction.Update, ChangeAction.Replace, ChangeAction.Delete }
                .Select(a => g.Count(e => e.Action == a).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray()));
        // Creates of a first deploy are routine: the full list folds away unless something else changes.
        var onlyCreates = report.Changes.Entries.All(e => e.Action == ChangeAction.Create);
        html.Append($"<details{(onlyCreates ? "" : " open")}><summary>Every change ({report.Changes.Entries.Count})</summary>");
        Table(html, ["part", "action", "resource", "forced by"], report.Changes.Entries.Select(e =>
            new[] { E(e.Part.Title), E(ReviewJson.Action(e.Action)), $"<code>{E(e.Address)}</code>", E(string.Join(", ", e.ForcedBy)) }));
        html.Append("</details>");

        html.Append("<h2>Data flow</h2><p>")
            .Append(string.Join(" &rarr; ", report.DataFlow.Nodes.Select(n => $"{E(n.Part.Title)} (<code>{E(n.Name)}</code>)"))).Append("</p><ul>")
            .Append($"<li>Data loader writes to: {E(report.DataFlow.LoaderTarget ?? "no loader in this stack")}</li>");
        if (report.DataFlow.Steps.Count == 0)
            html.Append("<li>EMR steps: none configured</li>");
        foreach (var (step, i) in report.DataFlow.Steps.Select((s, i) => (s, i + 1)))
            html.Append($"<li>Step {i} <code>{E(step.Name)}</code> (on failure: {E(step.ActionOnFailure)}){(step.FlowText is { } flow ? ": " + E(flow) : "")}"
                + $"<details><summary>command</summary><pre>{E(step.CommandText)}</pre></details></li>");
        html.Append("</ul>");

        var failed = report.Security.Failed.Count();
        html.Append("<h2>Security</h2>").Append($"<p class=\"{(failed == 0 ? "pass" : "fail")}\">{ReviewMarkdown.Sentence(report.Security.Verdict())}</p>");
        string[] columns = ["check", "resource", "result", "detail", "scanner rules"];
        Table(html, columns, report.Security.Failed.Select(CheckRow));
        Table(html, columns, report.Security.Warnings.Select(CheckRow));
        html.Append($"<details><summary>Passing checks ({report.Security.Checks.Count(c => c.Passed)})</summary>");
        Table(html, columns, report.Security.Checks.Where(c => c.Passed).Select(CheckRow));
        html.Append("</details>");
        if (report.Security.Exceptions.Count > 0)
        {
            html.Append($"<details><summary>Scanner rules not met on purpose ({report.Security.Exceptions.Count} named exceptions)</summary>");
            Table(html, ["rule", "resource", "why"], report.Security.Exceptions.Select(e => new[] { E(e.Rule), $"<code>{E(e.Resource)}</code>", E(e.Justification) }));
            html.Append("</details>");
        }
        html.Append("<h3>Instance profile S3 rights</h3>");
        Table(html, ["bucket", "part", "actions"], report.Security.InstanceProfileRights.Select(r =>
            new[] { $"<code>{E(r.Bucket)}</code>", E(r.Part.Title), E(string.Join(", ", r.Actions)) }));

        CostHtml.Append(html, report.Cost);
        MonitoringRendering.AppendHtml(html, report.Monitoring);

        if (report.Destroy is { } destroy)
        {
            html.Append($"<h2>Destroy</h2><p>{(destroy.Removed.Count == 0 ? E($"Nothing to remove: {DestroyReview.EmptyState}.") : $"{ReviewMarkdown.Resources(destroy.Removed.Count)} removed.")}</p><ul>");
            foreach (var b in destroy.Blockers)
                html.Append($"<li class=\"fail\">Would stop the destroy: <code>{E(b)}</code> has force_destroy off; S3 refuses to delete it while it holds objects.</li>");
            html.Append("</ul>");
        }

        html.Append("<h2 id=\"architecture\">Architecture (from the plan)</h2>");
        if (report.Drawing?.Svg is { } svg)
            html.Append("<figure class=\"diagram\">").Append(svg)
                .Append("<figcaption>Left to right, the data's path; in the EMR cluster's box, the steps numbered in the order EMR runs them, ")
                .Append("each between the bucket it reads and the one it writes (a step across the flow, dashed, names its buckets instead). ")
                .Append("<span style=\"color:#1f5fa8\">Blue</span>: the step reads that bucket; <span style=\"color:#2e7d32\">green</span>: ")
                .Append("it writes into it. Grey: the parts that serve the cluster; <span style=\"color:#6a3d9a\">purple</span>: the parts around the run. ")
                .Append("Laid out by Graphviz (dot).</figcaption></figure>");
        else
            html.Append($"<p class=\"notice\"><b>Warning:</b> {E(report.Drawing?.Warning ?? "the architecture SVG was not drawn (no layout engine was run for this page)")}.</p>");
        html.Append($"<details><summary>Graphviz DOT of the diagram</summary><pre>{E(DiagramDot.Render(report.Pipeline))}</pre></details>");
        html.Append("</body></html>");
        return html.ToString();
    }

    // The terminal's monitoring line starts so; the summary's row heading says it already.
    private const string AroundTheRun = "Around the run: ";

    // The one screen a reader needs before deciding whether to read on: the gate's verdict, the changes, what a run
    // costs and takes. Every figure is the same as in its section below, where the detail is.
    private static void Summary(StringBuilder html, ReviewReport report)
    {
        var failed = report.Security.Failed.ToArray();
        var currency = report.Cost.Prices?.Currency;
        var cost = report.Cost;
        var gate = failed.Length > 0
            ? $"<b class=\"fail\">closed</b>: {E(report.Security.Verdict())} ({E(string.Join(", ", failed.Select(c => c.Name).Distinct()))}); <code>--gate</code> exits 5"
            : $"<b class=\"pass\">open</b>: {E(report.Security.Verdict())}";
        var changes = E(string.Join(", ", report.Changes.Counts.Select(c => $"{c.Value} to {ReviewJson.Action(c.Key)}")));
        var alarms = report.Changes.Alarms.Count();
        if (alarms > 0)
            changes += $"; <span class=\"fail\">{alarms} WARNING{(alarms == 1 ? "" : "S")}</span> (see Changes)";
        var rows = new List<(string, string)>
        {
            ("Security gate", gate),
            ("Changes", changes),
        };
        if (cost.Groups.Count == 0)
        {
            rows.Add(("Cost per run", "nothing to run: the plan has no EMR cluster"));
        }
        else
        {
            var lifecycle = cost.Transient ? "transient" : "persistent";
            // "at $0.72/h" reads only for a whole price; a partial one follows as a figure of its own.
            rows.Add(("Cost per run", cost.PerHour is { } perHour
                ? $"<b>{E(Money.Format(cost.TotalPerRunFigure, currency))}</b> ({lifecycle} cluster {E(Money.Format(cost.PerRunFigure, currency))} at {E(Money.Format(perHour, currency))}/h + S3 requests {E(Money.Format(cost.RequestsPerRunFigure, currency))})"
                : $"<b>{E(Money.Format(cost.TotalPerRunFigure, currency))}</b> ({lifecycle} cluster {E(Money.Format(cost.PerRunFigure, currency))} + S3 requests {E(Money.Format(cost.RequestsPerRunFigure, currency))}); "
                    + $"the cluster {E(Money.Format(cost.PerHourFigure, currency, "/h", cost.PerHourCovers))}"));
            var (figure, detail) = CostText.DurationParts(cost);
            rows.Add(("Run time", $"<b>{E(figure)}</b> {E(detail)}".TrimEnd()));
        }
        rows.Add(("Standing cost", $"storage {E(Money.Format(cost.StoragePerMonthFigure, currency, "/month"))}, KMS keys {E(Money.Format(cost.KmsKeysPerMonth, "USD"))}/month"));
        if (cost.Missing.Count > 0)
            rows.Add(("Not priced", $"<span class=\"warn\">unknown, so left out of the figures above</span>: {E(string.Join("; ", cost.Missing))}"));
        if (MonitoringRendering.SummaryLine(report.Monitoring) is { } monitoring)
            rows.Add(("Around a run", E(monitoring.StartsWith(AroundTheRun, StringComparison.Ordinal) ? monitoring[AroundTheRun.Length..] : monitoring)));
        html.Append("<section class=\"summary\" id=\"summary\"><h2>Summary</h2><table>");
        foreach (var (name, value) in rows)
            html.Append($"<tr><th>{E(name)}</th><td>{value}</td></tr>");
        html.Append("</table>");
        html.Append($"<p class=\"subject\">Reviewed <code>{E(report.Subject)}</code>, {(report.Offline ? "planned <b>offline</b> with placeholder credentials" : "planned against the AWS account of the current credentials")}.</p></section>");
    }

    private static string[] CheckRow(SecurityCheck c) =>
        [E(c.Name), $"<code>{E(c.Resource)}</code>",
            c.Passed ? "<span class=\"pass\">pass</span>" : c.WarnOnly ? "<span class=\"warn\">warn</span>" : "<span class=\"fail\">FAIL</span>",
            E(c.Detail), E(string.Join(", ", c.ScannerRules))];

    /// <summary>Appends a table of already-encoded cells, or nothing when there are no rows.</summary>
    internal static void Table(StringBuilder html, string[] headers, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
            return;
        html.Append("<table><tr>").Append(string.Concat(headers.Select(h => $"<th>{E(h)}</th>"))).Append("</tr>");
        foreach (var row in list)
            html.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{c}</td>"))).Append("</tr>");
        html.Append("</table>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
