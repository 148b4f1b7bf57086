using MnistJob.Steps;

namespace Pipeline.Review.Core;

/// <summary>
/// The architecture drawn from the plan: one node per pipeline part present, one edge where a resource of one part
/// refers to (or depends on) a resource of another. Derived, never a fixed picture.
/// </summary>
/// <param name="Nodes">The parts present, in the review's order.</param>
/// <param name="Edges">Who uses whom, as (from, to).</param>
public sealed record ArchitectureDiagram(IReadOnlyList<PipelineNode> Nodes, IReadOnlyList<(PipelineNode From, PipelineNode To)> Edges)
{
    /// <summary>Builds the diagram of a plan.</summary>
    public static ArchitectureDiagram Of(TerraformPlan plan)
    {
        var partOf = plan.Resources.ToDictionary(r => r.Address, PipelineParts.Of);
        var edges = new HashSet<(PipelineNode, PipelineNode)>();
        foreach (var resource in plan.Resources.Where(r => r.Action != ChangeAction.Delete))
        {
            var from = partOf[resource.Address];
            foreach (var target in TerraformPlan.ResourceReferences(resource.Expressions).Concat(resource.DependsOn))
                if (partOf.TryGetValue(target, out var to) && to != from && to != PipelineParts.Other && from != PipelineParts.Other)
                    edges.Add((from, to));
        }
        var nodes = partOf.Values.Where(p => p != PipelineParts.Other).Distinct().Order().ToArray();
        return new ArchitectureDiagram(nodes, edges.OrderBy(e => e.Item1).ThenBy(e => e.Item2).ToArray());
    }

    /// <summary>The diagram as Mermaid flowchart text.</summary>
    public string ToMermaid()
    {
        var lines = new List<string> { "flowchart LR" };
        lines.AddRange(Nodes.Select(n => $"  {Id(n)}[\"{n.Title.Replace("|", "&#124;")}\"]"));
        lines.AddRange(Edges.Select(e => $"  {Id(e.From)} --> {Id(e.To)}"));
        return string.Join('\n', lines);
    }

    /// <summary>Layers for drawing: a part that uses nothing sits on the right, its users step by step to the left.</summary>
    public IReadOnlyList<IReadOnlyList<PipelineNode>> Layers()
    {
        var depth = Nodes.ToDictionary(n => n, _ => 0);
        // Longest path to a sink; at most Nodes.Count rounds, which also stops on a cycle.
        for (var round = 0; round < Nodes.Count; round++)
            foreach (var (from, to) in Edges)
                depth[from] = Math.Max(depth[from], Math.Min(depth[to] + 1, Nodes.Count));
        return depth.GroupBy(d => d.Value).OrderByDescending(g => g.Key)
            .Select(g => (IReadOnlyList<PipelineNode>)g.Select(d => d.Key).Order().ToArray()).ToArray();
    }

    // Mermaid ids of letters only, as the diagram has always written them (formata, jobartifact).
    private static string Id(PipelineNode part) => part.Name.Replace("_", "", StringComparison.Ordinal);
}
