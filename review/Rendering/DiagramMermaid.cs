namespace MnistEmr.Review.Rendering;

/// <summary>
/// The pipeline diagram as a Mermaid flowchart (https://mermaid.js.org/syntax/flowchart.html), for <c>review.md</c>
/// where a Markdown viewer draws it: the same nodes and edges as <see cref="DiagramDot"/> (a step across the flow with
/// its buckets in its box, not as edges), laid out by the viewer.
/// </summary>
internal static class DiagramMermaid
{
    /// <summary>Renders the diagram.</summary>
    public static string Render(PipelineDiagram diagram)
    {
        var lines = new List<string> { "flowchart LR" };
        var steps = diagram.Steps.Select((s, i) => (Step: s, Id: DiagramDot.StepId(i + 1), Ordinal: i + 1)).ToArray();
        if (diagram.LoaderTarget is not null)
            lines.Add($"  {DiagramDot.LoaderId}[\"Data loader (runs during apply)\"]");
        lines.AddRange(diagram.Buckets.Select(b => $"  {Id(b.Part)}[(\"{Text($"{b.Part.Label} {b.Part.Caption}")}\")]"));
        if (diagram.Cluster is { } cluster)
        {
            var indent = "  ";
            if (diagram.Network is { } cidr)
            {
                lines.Add($"  subgraph vpc[\"{Text(cidr.Length > 0 ? $"VPC {cidr}" : "VPC")}\"]");
                indent = "    ";
            }
            lines.Add($"{indent}subgraph emr[\"{Text(cluster.Text.Length > 0 ? $"EMR cluster: {cluster.Text}" : "EMR cluster")}\"]");
            lines.AddRange(steps.Select(s => $"{indent}  {s.Id}[\"{Text(StepText(diagram, s.Step, s.Ordinal))}\"]"));
            if (steps.Length == 0)
                lines.Add($"{indent}  {DiagramDot.NoStepsId}[\"no steps planned\"]");
            lines.Add($"{indent}end");
            if (diagram.Network is not null)
                lines.Add("  end");
        }
        if (diagram.LoaderTarget is not null && diagram.Buckets.Any(b => b.Part == PipelineNodes.Source))
            lines.Add($"  {DiagramDot.LoaderId} -->|\"writes {Text(PipelineNodes.Source.KeyPrefix ?? "")}\"| {Id(PipelineNodes.Source)}");
        var ids = steps.ToDictionary(s => s.Step, s => s.Id);
        lines.AddRange(DiagramDot.FlowEdges(diagram).Select(e => e.Access == StepAccess.Reads
            ? $"  {Id(e.Bucket)} -->|reads| {ids[e.Step]}"
            : $"  {ids[e.Step]} -->|writes| {Id(e.Bucket)}"));
        if (diagram.Aside.Count > 0)
        {
            lines.Add("  subgraph aside[\"serving the cluster\"]");
            lines.AddRange(diagram.Aside.Select(part => $"    {Id(part)}[\"{Text(part.Title)}\"]"));
            lines.Add("  end");
        }
        if (diagram.Monitoring.Count > 0)
        {
            lines.Add("  subgraph monitoring[\"around the run\"]");
            lines.AddRange(diagram.Monitoring.Select(part => $"    {Id(part)}[\"{Text(part.Title)}\"]"));
            lines.Add("  end");
            if (diagram.Cluster is not null)
            {
                lines.AddRange(diagram.Monitoring.Select(part => part == PipelineNodes.Notebooks
                    ? $"  {Id(part)} -.->|attaches| emr"
                    : $"  emr -.->|{(part == PipelineNodes.Notifications ? "events" : "metrics")}| {Id(part)}"));
            }
        }
        return string.Join('\n', lines);
    }

    // A step across the flow names what it reads and writes, as its DOT box does, instead of edges.
    private static string StepText(PipelineDiagram diagram, DataFlowStep step, int ordinal)
    {
        var name = $"{ordinal.ToString(CultureInfo.InvariantCulture)}. {step.Name}";
        var across = DiagramDot.AcrossTheFlow(diagram, step);
        return across.Count == 0 ? name : $"{name}: across the flow, {string.Join("; ", across)}";
    }

    // Mermaid ids of letters only, as the review's diagram has always written them (formata, jobartifact).
    private static string Id(PipelineNode part) => part.Name.Replace("_", "", StringComparison.Ordinal);

    // Inside a quoted Mermaid label: '|' and '"' as entity codes (a raw '|' ends an edge label).
    private static string Text(string text) => new StringBuilder(text).Replace("\"", "#quot;").Replace("|", "#124;").ToString();
}
