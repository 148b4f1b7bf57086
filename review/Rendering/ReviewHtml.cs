using System.Net;
using System.Text;
using MnistEmr.Review.Core;

namespace MnistEmr.Review.Rendering;

/// <summary><c>review.html</c>: the review as one self-contained page (inline style, inline SVG diagram).</summary>
internal static class ReviewHtml
{
    /// <summary>Renders the review.</summary>
    public static string Render(ReviewReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Plan review</title><style>")
            .Append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}")
            .Append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;font-size:14px}th{background:#f3f3f3}")
            .Append(".fail{color:#b00020;font-weight:bold}.pass{color:#176b2c}.warn{color:#8a5a00;font-weight:bold}.alarm{background:#fde7e9;border-left:4px solid #b00020;padding:8px;margin:8px 0}")
            .Append(".notice{background:#fff4e0;border-left:4px solid #b07d2b;padding:8px}figure.diagram{margin:0}figure.diagram svg{max-width:100%;height:auto}figcaption{font-size:13px;color:#555}")
            .Append("code{font-size:13px}</style></head><body>");
        html.Append($"<h1>Plan review: {E(report.Subject)}</h1>");
        html.Append($"<p>{(report.Offline ? "Planned <b>offline</b> with placeholder credentials." : "Planned against the AWS account of the current credentials.")}</p>");

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
                .Append("<figcaption>Left to right, the data's path; in the EMR cluster's box, the steps in the order EMR runs them. ")
                .Append("<span style=\"color:#1f5fa8\">Blue</span>: the step reads that bucket; <span style=\"color:#2e7d32\">green</span>: ")
                .Append("it writes into it. Grey: the parts that serve the cluster. Laid out by Graphviz (dot).</figcaption></figure>");
        else
            html.Append($"<p class=\"notice\"><b>Warning:</b> {E(report.Drawing?.Warning ?? "the architecture SVG was not drawn (no layout engine was run for this page)")}.</p>");
        html.Append($"<details><summary>Graphviz DOT of the diagram</summary><pre>{E(DiagramDot.Render(report.Pipeline))}</pre></details>");
        html.Append("</body></html>");
        return html.ToString();
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
