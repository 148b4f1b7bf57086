namespace MnistEmr.Review.Core;

/// <summary>
/// Who uses whom, from the plan: one node per pipeline part present, one edge where a resource of one part refers to
/// (or depends on) a resource of another. The review's JSON lists it (<c>diagram.nodes</c>, <c>diagram.edges</c>);
/// the picture of the pipeline is <see cref="PipelineDiagram"/>, whose edges are the steps' reads and writes.
/// </summary>
/// <param name="Nodes">The parts present, in the review's order.</param>
/// <param name="Edges">Who uses whom, as (from, to).</param>
internal sealed record ArchitectureDiagram(IReadOnlyList<PipelineNode> Nodes, IReadOnlyList<(PipelineNode From, PipelineNode To)> Edges)
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
}
