namespace MnistEmr.Review.Rendering;

/// <summary><c>review.md</c>: the review for a person, with the diagram as Mermaid.</summary>
internal static class ReviewMarkdown
{
    /// <summary>Renders the review.</summary>
    public static string Render(ReviewReport report)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {report.Title}").AppendLine();
        md.AppendLine($"Reviewed `{report.Subject}`.").AppendLine();
        md.AppendLine(report.Offline
            ? "Planned **offline** with placeholder credentials: values AWS assigns (names, ids) are known only after apply."
            : "Planned against the AWS account of the current credentials.").AppendLine();

        md.AppendLine("## Changes").AppendLine();
        md.AppendLine(string.Join(", ", report.Changes.Counts.Select(c => $"{c.Value} to {ReviewJson.Action(c.Key)}"))).AppendLine();
        foreach (var alarm in report.Changes.Alarms)
            md.AppendLine($"> **WARNING** `{alarm.Address}`: {alarm.Alarm}").AppendLine();
        md.AppendLine("| part | action | resource | forced by |").AppendLine("|---|---|---|---|");
        foreach (var e in report.Changes.Entries)
            md.AppendLine($"| {Cell(e.Part.Title)} | {ReviewJson.Action(e.Action)} | `{e.Address}` | {string.Join(", ", e.ForcedBy)} |");
        md.AppendLine();

        md.AppendLine("## Data flow").AppendLine();
        md.AppendLine(string.Join(" → ", report.DataFlow.Nodes.Select(n => $"{Cell(n.Part.Title)} (`{n.Name}`)"))).AppendLine();
        md.AppendLine($"- Data loader writes to: {report.DataFlow.LoaderTarget ?? "no loader in this stack"}");
        if (report.DataFlow.Steps.Count == 0)
            md.AppendLine("- EMR steps: none configured");
        foreach (var (step, i) in report.DataFlow.Steps.Select((s, i) => (s, i + 1)))
            md.AppendLine($"- Step {i} `{step.Name}` (on failure: {step.ActionOnFailure}){(step.FlowText is { } flow ? ": " + Cell(flow) : "")}");
        md.AppendLine();

        var failed = report.Security.Failed.ToArray();
        md.AppendLine("## Security").AppendLine();
        var verdict = Sentence(report.Security.Verdict());
        md.AppendLine(failed.Length == 0 ? verdict : $"**{verdict}**").AppendLine();
        md.AppendLine("| check | resource | result | detail | scanner rules |").AppendLine("|---|---|---|---|---|");
        foreach (var c in report.Security.Checks.OrderBy(c => c.Passed).ThenBy(c => c.WarnOnly))
            md.AppendLine($"| {c.Name} | `{c.Resource}` | {Result(c)} | {Cell(c.Detail)} | {Cell(string.Join(", ", c.ScannerRules))} |");
        if (report.Security.Exceptions.Count > 0)
        {
            md.AppendLine().AppendLine("Scanner rules not met on purpose (named exceptions):").AppendLine();
            md.AppendLine("| rule | resource | why |").AppendLine("|---|---|---|");
            foreach (var e in report.Security.Exceptions)
                md.AppendLine($"| {e.Rule} | `{e.Resource}` | {Cell(e.Justification)} |");
        }
        md.AppendLine().AppendLine("Instance profile S3 rights (least privilege, as granted):").AppendLine();
        md.AppendLine("| bucket | part | actions |").AppendLine("|---|---|---|");
        foreach (var r in report.Security.InstanceProfileRights)
            md.AppendLine($"| `{r.Bucket}` | {Cell(r.Part.Title)} | {string.Join(", ", r.Actions)} |");
        md.AppendLine();

        CostMarkdown.Append(md, report.Cost);
        MonitoringRendering.AppendMarkdown(md, report.Monitoring);

        if (report.Destroy is { } destroy)
        {
            md.AppendLine("## Destroy").AppendLine();
            md.AppendLine(destroy.Removed.Count == 0 ? $"Nothing to remove: {DestroyReview.EmptyState}." : $"{Resources(destroy.Removed.Count)} removed.");
            foreach (var b in destroy.Blockers)
                md.AppendLine($"- **Would stop the destroy:** `{b}` has force_destroy off; S3 refuses to delete it while it holds objects.");
            md.AppendLine();
        }

        md.AppendLine("## Architecture (from the plan)").AppendLine();
        md.AppendLine("```mermaid").AppendLine(DiagramMermaid.Render(report.Pipeline)).AppendLine("```");
        if (report.Drawing?.Warning is { } warning)
            md.AppendLine().AppendLine($"- Warning: {warning}.");
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|");

    /// <summary>A check's result in the tables: pass, FAIL (closes the gate) or warn (does not).</summary>
    public static string Result(SecurityCheck check) => check.Passed ? "pass" : check.WarnOnly ? "warn" : "**FAIL**";

    /// <summary><paramref name="words"/> as a sentence: capitalized, with a full stop.</summary>
    public static string Sentence(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..] + ".";

    /// <summary>"1 resource", "2 resources".</summary>
    public static string Resources(int count) => count == 1 ? "1 resource" : $"{count} resources";
}
