namespace MnistEmr.Review.Rendering;

/// <summary>
/// The pipeline diagram as Graphviz DOT (https://graphviz.org/doc/info/lang.html), for the <c>dot</c> layout engine:
/// left to right, the data buckets in flow order, the EMR cluster's steps in a box inside the VPC's box, each step's
/// reads (blue) and writes (green) as labelled edges, IAM, job artifacts and logs aside in a grey box of their own.
/// </summary>
/// <remarks>
/// How the layout is steered (attributes from https://graphviz.org/doc/info/attrs.html):
/// an invisible chain between the buckets in flow order, <c>minlen=2</c> so a step fits between two of them, keeps
/// S3|1 → S3|2 → S3|4 → S3|3 left to right whatever the steps are; each step is ranked by one edge only
/// (<see cref="RankingEdges"/>; <c>constraint=false</c> on its other edges), so it sits right before the first bucket
/// it writes; the cluster box is written before the buckets, which puts it above their row. <c>newrank=true</c>
/// ranks the graph as one, clusters included; the edges' labels are <c>xlabel</c>s (placed after the layout,
/// <c>forcelabels=true</c>), which keeps the drawing narrow: a <c>label</c> takes a rank of its own.
/// </remarks>
internal static class DiagramDot
{
    /// <summary>The DOT id of a bucket's or an aside part's node: its node name, e.g. <c>format_a</c>.</summary>
    public static string NodeId(PipelineNode part) => part.Name;

    /// <summary>The DOT id of the n-th step's node (1-based, the order EMR runs them).</summary>
    public static string StepId(int ordinal) => "step_" + ordinal.ToString(CultureInfo.InvariantCulture);

    /// <summary>The DOT id of the data loader's node.</summary>
    public const string LoaderId = "loader";

    /// <summary>The DOT id of the EMR cluster's box (a cluster subgraph's name must start with <c>cluster</c>).</summary>
    public const string ClusterId = "cluster_emr";

    /// <summary>The DOT id of the VPC's box.</summary>
    public const string VpcId = "cluster_vpc";

    /// <summary>The DOT id of the box of the parts that serve the cluster (IAM, logs, job artifacts).</summary>
    public const string AsideId = "cluster_aside";

    /// <summary>The DOT id of the box of the parts around the run (notifications, dashboard, notebooks).</summary>
    public const string MonitoringId = "cluster_monitoring";

    /// <summary>The DOT id of the node standing for an empty cluster (no steps planned).</summary>
    public const string NoStepsId = "no_steps";

    private const string ReadColor = "#1f5fa8", WriteColor = "#2e7d32", AsideColor = "#777777", BucketFill = "#e3f0ff";

    /// <summary>Renders the diagram.</summary>
    public static string Render(PipelineDiagram diagram)
    {
        var dot = new StringBuilder();
        dot.AppendLine("digraph pipeline {")
            .AppendLine("  graph [rankdir=LR, newrank=true, compound=true, nodesep=0.3, ranksep=0.4, forcelabels=true, fontname=\"Helvetica\", fontsize=14];")
            .AppendLine("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f3f3f3\", color=\"#334466\", fontname=\"Helvetica\", fontsize=14];")
            .AppendLine("  edge [color=\"#555555\", fontname=\"Helvetica\", fontsize=12];");

        // The cluster first: written before the buckets, its box is laid out above their row.
        var steps = diagram.Steps.Select((s, i) => (Step: s, Id: StepId(i + 1), Ordinal: i + 1)).ToArray();
        if (diagram.Cluster is { } cluster)
        {
            var indent = "  ";
            if (diagram.Network is { } cidr)
            {
                dot.AppendLine($"  subgraph {VpcId} {{")
                    .AppendLine($"    label={Quote(cidr.Length > 0 ? $"VPC {cidr}" : "VPC")}; style=dashed; color=\"#888888\";");
                indent = "    ";
            }
            dot.AppendLine($"{indent}subgraph {ClusterId} {{")
                .AppendLine($"{indent}  label={Quote(cluster.Text.Length > 0 ? $"EMR cluster: {cluster.Text}" : "EMR cluster")}; style=\"rounded,filled\"; fillcolor=\"#fff7e6\"; color=\"#b07d2b\";");
            foreach (var (step, id, ordinal) in steps)
                dot.AppendLine($"{indent}  {id} [label={Quote($"{ordinal.ToString(CultureInfo.InvariantCulture)}. {step.Name}")}];");
            if (steps.Length == 0)
                dot.AppendLine($"{indent}  {NoStepsId} [label=\"no steps planned\", style=\"rounded,dashed\"];");
            dot.AppendLine($"{indent}}}");
            if (diagram.Network is not null)
                dot.AppendLine("  }");
        }

        if (diagram.LoaderTarget is not null)
            dot.AppendLine($"  {LoaderId} [label=\"Data loader\\n(runs during apply)\"];");
        foreach (var bucket in diagram.Buckets)
            dot.AppendLine($"  {NodeId(bucket.Part)} [shape=cylinder, fillcolor=\"{BucketFill}\", label={Quote($"{bucket.Part.Label}\n{bucket.Part.Caption}")}, tooltip={Quote(bucket.Name)}];");
        if (diagram.Buckets.Count > 1)
            dot.AppendLine($"  {string.Join(" -> ", diagram.Buckets.Select(b => NodeId(b.Part)))} [style=invis, minlen=2, weight=10];");
        if (diagram.LoaderTarget is not null && diagram.Buckets.Any(b => b.Part == PipelineNodes.Source))
            dot.AppendLine($"  {LoaderId} -> {NodeId(PipelineNodes.Source)} [label={Quote($"writes {PipelineNodes.Source.KeyPrefix}")}];");

        var ranking = RankingEdges(diagram);
        var ids = steps.ToDictionary(s => s.Step, s => s.Id);
        foreach (var edge in diagram.StepEdges)
        {
            var step = ids[edge.Step];
            var constraint = ranking.Contains(edge) ? "" : ", constraint=false";
            dot.AppendLine(edge.Access == StepAccess.Reads
                ? $"  {NodeId(edge.Bucket)} -> {step} [xlabel=\"reads\", color=\"{ReadColor}\", fontcolor=\"{ReadColor}\"{constraint}];"
                : $"  {step} -> {NodeId(edge.Bucket)} [xlabel=\"writes\", color=\"{WriteColor}\", fontcolor=\"{WriteColor}\"{constraint}];");
        }

        AppendAside(dot, diagram);
        AppendMonitoring(dot, diagram, steps.Length == 0 ? NoStepsId : steps[^1].Id);
        dot.AppendLine("}");
        return dot.ToString();
    }

    /// <summary>
    /// The edges that rank the steps, one a step: its write into the first bucket of the flow it writes, so it sits
    /// right before what it makes (explode before S3|2, the canary beside it); a step that writes nothing is ranked by
    /// its read of the last bucket of the flow it reads.
    /// </summary>
    public static IReadOnlySet<StepEdge> RankingEdges(PipelineDiagram diagram)
    {
        var flowIndex = diagram.Buckets.Select((b, i) => (b.Part, i)).ToDictionary(p => p.Part, p => p.i);
        return diagram.StepEdges.GroupBy(e => e.Step)
            .Select(edges => edges.Where(e => e.Access == StepAccess.Writes).MinBy(e => flowIndex[e.Bucket])
                ?? edges.MaxBy(e => flowIndex[e.Bucket])!)
            .ToHashSet();
    }

    // The serving parts in a box of their own, without edges: they serve every step, and lines from each of them to
    // the cluster would cross the data flow. With no edge they are ranked first, so the box stands at the left.
    private static void AppendAside(StringBuilder dot, PipelineDiagram diagram)
    {
        if (diagram.Aside.Count == 0)
            return;
        dot.AppendLine($"  subgraph {AsideId} {{")
            .AppendLine($"    label=\"serving the cluster\"; style=\"rounded,dashed\"; color=\"{AsideColor}\"; fontcolor=\"#555555\"; fontsize=12;");
        foreach (var part in diagram.Aside)
            dot.AppendLine($"    {NodeId(part)} [{(part.IsBucket ? "shape=cylinder, " : "")}label={Quote(AsideLabel(part))}, color=\"{AsideColor}\", fontcolor=\"#444444\"];");
        dot.AppendLine($"    {{rank=same; {string.Join("; ", diagram.Aside.Select(NodeId))}}}")
            .AppendLine("  }");
    }

    // The parts around the run in a box beside the cluster, tied to the cluster's box (compound edges: ltail/lhead):
    // the notifications and the dashboard watch it, the Studio's workspaces attach to it.
    private static void AppendMonitoring(StringBuilder dot, PipelineDiagram diagram, string lastInCluster)
    {
        if (diagram.Monitoring.Count == 0)
            return;
        dot.AppendLine($"  subgraph {MonitoringId} {{")
            .AppendLine($"    label=\"around the run\"; style=\"rounded,dashed\"; color=\"{MonitoringColor}\"; fontcolor=\"{MonitoringColor}\"; fontsize=12;");
        foreach (var part in diagram.Monitoring)
            dot.AppendLine($"    {NodeId(part)} [label={Quote(MonitoringLabel(part))}, color=\"{MonitoringColor}\", fillcolor=\"#f1ecf7\"];");
        // One column: ranked together after the cluster's last step by the constraining event edge.
        dot.AppendLine($"    {{rank=same; {string.Join("; ", diagram.Monitoring.Select(NodeId))}}}")
            .AppendLine("  }");
        if (diagram.Cluster is null)
            return;
        foreach (var part in diagram.Monitoring)
        {
            dot.AppendLine(part == PipelineNodes.Notebooks
                ? $"  {NodeId(part)} -> {lastInCluster} [lhead={ClusterId}, xlabel=\"attaches\", style=dashed, color=\"{MonitoringColor}\", fontcolor=\"{MonitoringColor}\", constraint=false];"
                : $"  {lastInCluster} -> {NodeId(part)} [ltail={ClusterId}, xlabel={Quote(part == PipelineNodes.Notifications ? "events" : "metrics")}, style=dashed, color=\"{MonitoringColor}\", fontcolor=\"{MonitoringColor}\"];");
        }
    }

    private const string MonitoringColor = "#6a3d9a";

    private static string MonitoringLabel(PipelineNode part) =>
        part == PipelineNodes.Notifications ? "Run notifications\nEventBridge rule → SNS topic\n(step failed, last step done, cluster ended)"
        : part == PipelineNodes.Dashboard ? "Run dashboard\nCloudWatch: YARN containers,\nmemory, apps, nodes"
        : part == PipelineNodes.Notebooks ? "EMR Studio notebooks\nIAM sign-in, workspaces\n(Jupyter Enterprise Gateway, Livy)"
        : part.Caption;

    private static string AsideLabel(PipelineNode part) =>
        part == PipelineNodes.Iam ? "IAM\nEMR service role,\ninstance profile"
        : part == PipelineNodes.JobArtifacts ? "EMR job artifacts\njob package, bootstrap"
        : $"{part.Caption}\n{part.KeyPrefix}";

    /// <summary>A DOT quoted string: quotes and backslashes escaped, line breaks as <c>\n</c> (centred lines).</summary>
    public static string Quote(string text)
    {
        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return $"\"{escaped}\"";
    }
}
