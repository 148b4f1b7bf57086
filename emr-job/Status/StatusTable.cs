using Spectre.Console;

namespace MnistEmr.Job.Status;

/// <summary>Renders a <see cref="RunStatus"/> as one screen: a table of the steps, what is missing, and the EMR command.</summary>
internal static class StatusTable
{
    /// <summary>Writes <paramref name="status"/> to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, RunStatus status)
    {
        console.MarkupLine($"[bold]run {Markup.Escape(status.RunId)}[/]: {(status.Complete ? "[green]complete[/]" : "[yellow]incomplete[/]")}");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("step").AddColumn("state").AddColumn("what S3 holds");
        foreach (var step in status.Steps)
        {
            var lines = new List<string> { Markup.Escape(step.Headline) };
            lines.AddRange(step.Details.Select(d => $"[grey]{Markup.Escape(d)}[/]"));
            if (step.Uri is { } uri)
            {
                lines.Add($"[blue]{Markup.Escape(uri)}[/]");
            }

            table.AddRow(new Markup(Markup.Escape(step.Step)), new Markup(State(step.State)), new Markup(string.Join('\n', lines)));
        }

        console.Write(table);
        foreach (var missing in status.Missing)
        {
            console.MarkupLine($"[yellow]missing[/] {Markup.Escape(missing)}");
        }

        if (status.OtherRuns.Count > 0)
        {
            var shown = string.Join(", ", status.OtherRuns.Take(RunStatus.OtherRunsShown));
            var more = status.OtherRuns.Count > RunStatus.OtherRunsShown ? $" and {status.OtherRuns.Count - RunStatus.OtherRunsShown} more" : string.Empty;
            console.MarkupLine($"other runs: {Markup.Escape(shown + more)} (--run-id <id>)");
        }

        console.MarkupLine($"EMR step states: {Markup.Escape(status.ListStepsCommand)}");
        if (status.DashboardUrl is { } dashboard)
        {
            console.MarkupLine($"Dashboard: {Markup.Escape(dashboard)}");
        }
    }

    private static string State(StepState state) => state switch
    {
        StepState.Done => "[green]done[/]",
        StepState.Partial => "[yellow]partial[/]",
        StepState.Failed => "[red]FAILED[/]",
        StepState.Missing => "[red]missing[/]",
        _ => "[grey]-[/]",
    };
}
