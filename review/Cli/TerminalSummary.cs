using MnistEmr.Review.Rendering;
using Spectre.Console;

namespace MnistEmr.Review.Cli;

/// <summary>The short summary on the terminal: colours and a table when it is one, plain text otherwise.</summary>
internal static class TerminalSummary
{
    /// <summary>Writes the summary.</summary>
    public static void Write(IAnsiConsole console, ReviewReport report, string outputDirectory)
    {
        var currency = report.Cost.Prices?.Currency;
        console.MarkupLine($"[bold]Review of[/] {Markup.Escape(report.Subject)}{(report.Offline ? " [grey](offline plan)[/]" : "")}");
        console.MarkupLine("Changes: " + Markup.Escape(string.Join(", ", report.Changes.Counts.Select(c => $"{c.Value} to {ReviewJson.Action(c.Key)}"))));
        foreach (var alarm in report.Changes.Alarms)
            console.MarkupLine($"[red bold]WARNING[/] {Markup.Escape(alarm.Address)}: {Markup.Escape(alarm.Alarm!)}");

        var table = new Table().AddColumns("part", "create", "update", "replace", "delete");
        foreach (var part in report.Changes.Entries.GroupBy(e => e.Part).OrderBy(g => g.Key))
        {
            string Count(ChangeAction a) => part.Count(e => e.Action == a).ToString(System.Globalization.CultureInfo.InvariantCulture);
            table.AddRow(Markup.Escape(part.Key.Title), Count(ChangeAction.Create), Count(ChangeAction.Update), Count(ChangeAction.Replace), Count(ChangeAction.Delete));
        }
        if (table.Rows.Count > 0)
            console.Write(table);

        var failed = report.Security.Failed.ToArray();
        var colour = failed.Length > 0 ? "red" : report.Security.Warnings.Any() ? "yellow" : "green";
        console.MarkupLine($"Security: [{colour}]{Markup.Escape(report.Security.Verdict())}[/]");
        foreach (var check in failed)
            console.MarkupLine($"  [red]FAIL[/] {Markup.Escape(check.Id)}: {Markup.Escape(check.Detail)}");
        foreach (var check in report.Security.Warnings)
            console.MarkupLine($"  [yellow]warn[/] {Markup.Escape(check.Id)}: {Markup.Escape(check.Detail)}");

        // A destroy (asked for, or a plan that only deletes), as opposed to a plan that deletes some parts.
        var destroying = report.Destroy is not null && report.Changes.Entries.All(e => e.Action == ChangeAction.Delete);
        if (report.Cost.Groups.Count == 0)
        {
            // No cluster is left to run (a destroy, or a plan without one): a run's price or duration would be a
            // guess about a cluster that will not exist ("persistent cluster unknown" said so of a transient stack).
            console.MarkupLine(Markup.Escape(destroying
                ? "Cost: nothing left to run: no EMR cluster remains after the destroy"
                : $"Cost: nothing to run: the plan has no EMR cluster{(report.DataFlow.Nodes.Count > 0 ? $", storage {Money.Format(report.Cost.StoragePerMonthFigure, currency, "/month")}" : "")}"));
        }
        else
        {
            var cost = report.Cost;
            // Every known part is shown ("at least"), and what is left out is named on the next line.
            console.MarkupLine(Markup.Escape(
                $"Cost: {Money.Format(cost.PerHourFigure, currency, "/h")} for the cluster{(cost.PerHourCovers is { } covers ? $" ({covers})" : "")}, {Money.Format(cost.TotalPerRunFigure, currency)} per run "
                + $"({(cost.Transient ? "transient" : "persistent")} cluster {Money.Format(cost.PerRunFigure, currency)} + S3 requests {Money.Format(cost.RequestsPerRunFigure, currency)}), "
                + $"{Money.Format(cost.TotalPerReRunFigure, currency)} to re-run an unchanged source, worst idle {Money.Format(cost.WorstIdleFigure, currency)}, "
                + $"storage {Money.Format(cost.StoragePerMonthFigure, currency, "/month")}, KMS keys {Money.Format(cost.KmsKeysPerMonth, "USD")}/month"));
            if (CostText.LeftOut(cost) is { } leftOut)
                console.MarkupLine(Markup.Escape("  " + leftOut));
            if (MonitoringRendering.SummaryLine(report.Monitoring) is { } monitoring)
                console.MarkupLine(Markup.Escape(monitoring));
            console.MarkupLine(Markup.Escape($"Run: {CostText.Duration(report.Cost)}"));
            if (report.Cost.RunTime is { } run)
                console.MarkupLine(Markup.Escape("  " + string.Join(", ", run.Steps.Select(s => $"{s.Name} {CostText.Minutes(s.Seconds)}"))));
        }
        var nodes = string.Join(" -> ", report.DataFlow.Nodes.Select(n => n.Part.Title));
        console.MarkupLine("Data flow: " + Markup.Escape(
            report.DataFlow.Nodes.Count == 0 ? "none: the plan has no data buckets"
            : destroying ? $"removed by the destroy: {nodes}"
            : nodes));
        if (report.Destroy is { } destroy)
        {
            console.MarkupLine(destroy.Removed.Count == 0
                ? $"Destroy: nothing to remove: {Markup.Escape(DestroyReview.EmptyState)}"
                : $"Destroy: {ReviewMarkdown.Resources(destroy.Removed.Count)} removed");
            foreach (var blocker in destroy.Blockers)
                console.MarkupLine($"  [yellow]would stop the destroy[/] {Markup.Escape(blocker)}: force_destroy is off");
        }
        console.MarkupLine($"Written: {Markup.Escape(Path.Combine(outputDirectory, "review.md"))}, review.json, review.html");
    }
}
