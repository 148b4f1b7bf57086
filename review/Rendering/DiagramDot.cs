namespace MnistEmr.Review.Rendering;

/// <summary>
/// The pipeline diagram as Graphviz DOT (https://graphviz.org/doc/info/lang.html), for the <c>dot</c> layout engine:
/// left to right as the data flows, S3|1 → S3|2 → S3|4 → S3|3, each EMR step in the column between the bucket it
/// reads and the one it writes (in its cluster's box, inside the VPC's box), its reads (blue) and writes (green) as
/// labelled edges; a step working across the flow (the canary) beside the first, its buckets named in its box; IAM,
/// job artifacts and logs aside in a grey box of their own, the parts around the run in a box right of the cluster.
/// </summary>
/// <remarks>
/// How the layout is steered (attributes from https://graphviz.org/doc/info/attrs.html), with no coordinates:
/// an invisible chain between the buckets in flow order, <c>minlen=2</c>, keeps S3|1 → S3|2 → S3|4 → S3|3 left to
/// right with one rank free between two neighbours; each step in the flow is ranked by two edges only
/// (<see cref="RankingEdges"/>), its read of the bucket before it and its write of the bucket after it, which leave it
/// exactly that free rank (<c>constraint=false</c> on its other edges, such as evaluate's read of S3|2); a step across
/// the flow is put in the first step's rank (<c>rank=same</c>). The cluster box is written before the buckets, which
/// puts it above their row. <c>newrank=true</c> ranks the graph as one, clusters included. The edges' texts are
/// <c>label</c>s, which dot lays out on their edge in a rank of its own, rather than <c>xlabel</c>s, which it places
/// after the layout wherever there is room, away from their edges. Within a column dot orders the steps by crossings:
/// the edges to the parts around the run leave from the step meant to stand at the top of the last column
/// (<see cref="TopOfLastColumn"/>). In the first column an invisible edge within the rank, from the first step in the
/// flow to each step across it, puts those above it (with <c>rankdir=LR</c> such an edge puts its tail below its
/// head). In the last column such edges were found not to order the three steps: dot's last pass over the whole graph
/// (<c>remincross</c>) reorders by the crossings of their edges to the buckets.
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
            .AppendLine("  graph [rankdir=LR, newrank=true, compound=true, nodesep=0.3, ranksep=0.15, fontname=\"Helvetica\", fontsize=14];")
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
                dot.AppendLine($"{indent}  {id} [{StepAttributes(diagram, step, ordinal)}];");
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
        foreach (var edge in FlowEdges(diagram))
        {
            var step = ids[edge.Step];
            var constraint = ranking.Contains(edge) ? "" : ", constraint=false";
            dot.AppendLine(edge.Access == StepAccess.Reads
                ? $"  {NodeId(edge.Bucket)} -> {step} [label=\"reads\", color=\"{ReadColor}\", fontcolor=\"{ReadColor}\"{constraint}];"
                : $"  {step} -> {NodeId(edge.Bucket)} [label=\"writes\", color=\"{WriteColor}\", fontcolor=\"{WriteColor}\"{constraint}];");
        }
        // The steps across the flow stand in the column of the first step in it, inside the cluster's box.
        var across = steps.Where(s => diagram.GapOf(s.Step) is null).Select(s => s.Id).ToArray();
        if (across.Length > 0 && steps.FirstOrDefault(s => diagram.GapOf(s.Step) is not null) is { Id: { } first })
        {
            dot.AppendLine($"  {{rank=same; {string.Join("; ", across)}; {first}}}");
            // Above it, as they run before it: with rankdir=LR an edge within a rank puts its tail below its head. Left
            // to dot, the step with edges to the buckets went above the one without: the column read 2, 1.
            foreach (var id in across)
                dot.AppendLine($"  {first} -> {id} [style=invis];");
        }

        AppendAside(dot, diagram);
        AppendMonitoring(dot, diagram, steps.Length == 0 ? NoStepsId : ids[TopOfLastColumn(diagram)]);
        dot.AppendLine("}");
        return dot.ToString();
    }

    /// <summary>
    /// The step the edges to the parts around the run start from (they are drawn from the cluster's box, <c>ltail</c>):
    /// the first, in run order, of the steps standing in the last step's column, e.g. evaluate of evaluate, report and
    /// score; the last step when it stands in no column of the flow. dot's last pass over the whole graph
    /// (<c>remincross</c>) orders a column by crossings alone, and pulls the step these three edges leave from next to
    /// the box they go to, above the column: drawn from the last step, score came first and the column read 6, 5, 4.
    /// </summary>
    public static DataFlowStep TopOfLastColumn(PipelineDiagram diagram) =>
        diagram.GapOf(diagram.Steps[^1]) is { } last ? diagram.Steps.First(s => diagram.GapOf(s) == last) : diagram.Steps[^1];

    /// <summary>
    /// The edges that rank the steps, two a step in the flow: its read of the bucket before it and its write of the
    /// bucket after it (<see cref="PipelineDiagram.GapOf"/>), so it stands in the one rank the chain of buckets leaves
    /// free between them.
    /// </summary>
    public static IReadOnlySet<StepEdge> RankingEdges(PipelineDiagram diagram) =>
        FlowEdges(diagram).Where(e => diagram.GapOf(e.Step) is { } gap
                && (e.Access == StepAccess.Reads ? e.Bucket == gap.From : e.Bucket == gap.To))
            .ToHashSet();

    /// <summary>
    /// The step edges drawn: those of the steps in the flow. A step across it (the canary reads S3|1 and S3|2 and
    /// writes probes into S3|2, S3|4 and S3|3) would cross every other step with its five edges; its box names them.
    /// </summary>
    public static IReadOnlyList<StepEdge> FlowEdges(PipelineDiagram diagram) =>
        diagram.StepEdges.Where(e => diagram.GapOf(e.Step) is not null).ToArray();

    /// <summary>
    /// What a step across the flow (one writing into more than one bucket drawn) reads and writes, for its box, e.g.
    /// "reads S3|1, S3|2" and "writes S3|2, S3|4, S3|3"; none for any other step, such as one in the flow, one the
    /// contract does not know or one whose buckets the plan lacks.
    /// </summary>
    public static IReadOnlyList<string> AcrossTheFlow(PipelineDiagram diagram, DataFlowStep step)
    {
        var drawn = diagram.Buckets.Select(b => b.Part).ToHashSet();
        if (step.Definition is not { } definition || definition.Writes.Count(drawn.Contains) < 2)
            return [];
        string Names(IEnumerable<PipelineNode> nodes) => string.Join(", ", nodes.Where(drawn.Contains).Select(n => n.Label ?? n.Caption));
        return [$"reads {Names(definition.Reads)}", $"writes {Names(definition.Writes)}"];
    }

    private static string StepAttributes(PipelineDiagram diagram, DataFlowStep step, int ordinal)
    {
        var name = $"{ordinal.ToString(CultureInfo.InvariantCulture)}. {step.Name}";
        var across = AcrossTheFlow(diagram, step);
        return across.Count == 0
            ? $"label={Quote(name)}"
            : $"label={Quote(string.Join('\n', [name, "across the flow:", .. across]))}, style=\"rounded,filled,dashed\"";
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

    // The parts around the run in a box beside the cluster, tied to the cluster's box (compound edges: ltail, drawn from
    // the step at the top of the last column, TopOfLastColumn): the notifications and the dashboard watch it, the
    // Studio's workspaces attach to it.
    private static void AppendMonitoring(StringBuilder dot, PipelineDiagram diagram, string fromInCluster)
    {
        if (diagram.Monitoring.Count == 0)
            return;
        dot.AppendLine($"  subgraph {MonitoringId} {{")
            .AppendLine($"    label=\"around the run\"; style=\"rounded,dashed\"; color=\"{MonitoringColor}\"; fontcolor=\"{MonitoringColor}\"; fontsize=12;");
        foreach (var part in diagram.Monitoring)
            dot.AppendLine($"    {NodeId(part)} [label={Quote(MonitoringLabel(part))}, color=\"{MonitoringColor}\", fillcolor=\"#f1ecf7\"];");
        // One column, right of the flow's last bucket: in that bucket's column the box would go above or below the
        // bucket as the crossings fall (below, beside nothing, for the default stack). weight=0: the edge ranks the
        // box without pulling it level with the bucket.
        dot.AppendLine($"    {{rank=same; {string.Join("; ", diagram.Monitoring.Select(NodeId))}}}")
            .AppendLine("  }");
        if (diagram.Buckets.Count > 0)
            dot.AppendLine($"  {NodeId(diagram.Buckets[^1].Part)} -> {NodeId(diagram.Monitoring[0])} [style=invis, weight=0];");
        if (diagram.Cluster is null)
            return;
        // The Studio attaches to the cluster: its edge is written from the cluster's side too, its arrow turned
        // (dir=back), so that it ranks the box after the cluster like the others instead of looping back to it.
        foreach (var part in diagram.Monitoring)
        {
            dot.AppendLine(part == PipelineNodes.Notebooks
                ? $"  {fromInCluster} -> {NodeId(part)} [ltail={ClusterId}, dir=back, label=\"attaches\", style=dashed, color=\"{MonitoringColor}\", fontcolor=\"{MonitoringColor}\"];"
                : $"  {fromInCluster} -> {NodeId(part)} [ltail={ClusterId}, label={Quote(part == PipelineNodes.Notifications ? "events" : "metrics")}, style=dashed, color=\"{MonitoringColor}\", fontcolor=\"{MonitoringColor}\"];");
        }
    }

    private const string MonitoringColor = "#6a3d9a";

    private static string MonitoringLabel(PipelineNode part) =>
        part == PipelineNodes.Notifications ? "Run notifications\nEventBridge rule → SNS topic\n(step failed, last step done,\ncluster ended)"
        : part == PipelineNodes.Dashboard ? "Run dashboard\nCloudWatch: YARN containers,\nmemory, apps, nodes"
        : part == PipelineNodes.Notebooks ? "EMR Studio notebooks\nIAM sign-in, workspaces\n(Jupyter Enterprise\nGateway, Livy)"
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
