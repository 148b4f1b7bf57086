namespace MnistEmr.Review.Core;

/// <summary>
/// The pipeline as its users draw it, read from the plan: the data buckets in flow order (S3|1 → S3|2 → S3|4 → S3|3),
/// the data loader that fills S3|1, the EMR cluster inside its VPC with each step's reads and writes, and the parts
/// that serve the cluster (IAM, logs, job artifacts) aside. Which steps read and write which bucket is the pipeline
/// contract's (<see cref="StepDefinition.Reads"/>, <see cref="StepDefinition.Writes"/>); the plan says which parts
/// exist and which steps the cluster runs.
/// </summary>
/// <param name="Buckets">The data buckets the plan holds, in flow order.</param>
/// <param name="LoaderTarget">Where the data loader writes, or null when the plan runs no loader.</param>
/// <param name="Cluster">What the plan says of the EMR cluster, or null when it has none.</param>
/// <param name="Network">The VPC's address range ("10.0.0.0/16"), "" when unknown, or null when the plan has no network.</param>
/// <param name="Steps">The cluster's steps in the order EMR runs them.</param>
/// <param name="Aside">The serving parts the plan holds: IAM, the EMR logs and the job artifacts, in catalogue order.</param>
internal sealed record PipelineDiagram(
    IReadOnlyList<DataFlowNode> Buckets,
    string? LoaderTarget,
    PlannedInstances? Cluster,
    string? Network,
    IReadOnlyList<DataFlowStep> Steps,
    IReadOnlyList<PipelineNode> Aside)
{
    /// <summary>
    /// The parts around the run the plan holds (<see cref="PipelineNodes.Monitoring"/>: notifications, dashboard,
    /// notebooks), drawn beside the cluster; default none.
    /// </summary>
    public IReadOnlyList<PipelineNode> Monitoring { get; init; } = [];

    /// <summary>The parts drawn aside from the data flow, when the plan has them.</summary>
    public static IReadOnlyList<PipelineNode> AsideParts { get; } = [PipelineNodes.Iam, PipelineNodes.Logs, PipelineNodes.JobArtifacts];

    /// <summary>Reads the diagram from a plan and its data flow.</summary>
    public static PipelineDiagram Of(TerraformPlan plan, DataFlow flow)
    {
        var live = plan.Managed.Where(r => r.Action != ChangeAction.Delete).ToArray();
        var present = live.Select(PipelineParts.Of).ToHashSet();
        var cluster = live.FirstOrDefault(r => r.Type == "aws_emr_cluster");
        string? network = null;
        if (present.Contains(PipelineNodes.Network))
            network = (string?)live.FirstOrDefault(r => r.Type == "aws_vpc")?.Values?["cidr_block"] ?? "";
        return new PipelineDiagram(
            flow.Nodes,
            flow.LoaderTarget,
            cluster is null ? null : PlannedInstances.Of(cluster.Values),
            network,
            cluster is null ? [] : flow.Steps,
            AsideParts.Where(present.Contains).ToArray())
        {
            Monitoring = PipelineNodes.Monitoring.Where(present.Contains).ToArray(),
        };
    }

    /// <summary>
    /// Where a step stands in the data flow: between the last bucket drawn that it reads before the one it writes, and
    /// that one (explode between S3|1 and S3|2, train between S3|2 and S3|4; evaluate, report and score between S3|4
    /// and S3|3). Null for a step that works across the flow rather than in one stage of it: it writes more than one
    /// bucket drawn (the canary's probes) or none, reads none before the one it writes, or is not the contract's.
    /// </summary>
    public FlowGap? GapOf(DataFlowStep step)
    {
        if (step.Definition is not { } definition)
            return null;
        var position = Buckets.Select((b, i) => (b.Part, i)).ToDictionary(p => p.Part, p => p.i);
        var writes = definition.Writes.Where(position.ContainsKey).Distinct().ToArray();
        if (writes.Length != 1)
            return null;
        var before = definition.Reads.Where(n => position.TryGetValue(n, out var i) && i < position[writes[0]]).MaxBy(n => position[n]);
        return before is null ? null : new FlowGap(before, writes[0]);
    }

    /// <summary>
    /// Every step's reads and writes on the buckets drawn, in step order, reads before writes, each in the contract's
    /// order. A step the contract does not know has none (its node is drawn alone).
    /// </summary>
    public IReadOnlyList<StepEdge> StepEdges
    {
        get
        {
            var drawn = Buckets.Select(b => b.Part).ToHashSet();
            return Steps.SelectMany(step => step.Definition is not { } definition ? [] :
                    definition.Reads.Select(node => new StepEdge(step, node, StepAccess.Reads))
                        .Concat(definition.Writes.Select(node => new StepEdge(step, node, StepAccess.Writes))))
                .Where(e => drawn.Contains(e.Bucket))
                .ToArray();
        }
    }
}

/// <summary>The two buckets of the data flow a step stands between.</summary>
/// <param name="From">The bucket it reads, before <paramref name="To"/> in the flow.</param>
/// <param name="To">The one bucket it writes.</param>
internal sealed record FlowGap(PipelineNode From, PipelineNode To);

/// <summary>Whether a step reads or writes a bucket.</summary>
internal enum StepAccess
{
    /// <summary>The step reads the bucket's objects.</summary>
    Reads,

    /// <summary>The step writes objects into the bucket.</summary>
    Writes,
}

/// <summary>One read or write of a step on a bucket.</summary>
/// <param name="Step">The step.</param>
/// <param name="Bucket">The bucket's node.</param>
/// <param name="Access">Read or write.</param>
internal sealed record StepEdge(DataFlowStep Step, PipelineNode Bucket, StepAccess Access);

/// <summary>The cluster's instances as the plan gives them.</summary>
/// <param name="PrimaryType">The primary node's instance type, or null when unknown.</param>
/// <param name="CoreType">The core nodes' instance type, or null when unknown.</param>
/// <param name="CoreCount">How many core nodes, or null when unknown.</param>
internal sealed record PlannedInstances(string? PrimaryType, string? CoreType, int? CoreCount)
{
    /// <summary>Reads the instance groups of a planned <c>aws_emr_cluster</c>.</summary>
    public static PlannedInstances Of(JsonNode? cluster) => new(
        (string?)First(cluster?["master_instance_group"])?["instance_type"],
        (string?)First(cluster?["core_instance_group"])?["instance_type"],
        (int?)First(cluster?["core_instance_group"])?["instance_count"]);

    /// <summary>"1 x m5.xlarge primary, 2 x m5.xlarge core", leaving out what the plan does not say.</summary>
    public string Text => string.Join(", ", new[]
    {
        PrimaryType is null ? null : $"1 x {PrimaryType} primary",
        CoreType is null ? null : $"{(CoreCount ?? 1).ToString(CultureInfo.InvariantCulture)} x {CoreType} core",
    }.OfType<string>());

    // Terraform's plan JSON writes a block list, even of one block, as an array.
    private static JsonNode? First(JsonNode? node) => node is JsonArray list ? list.FirstOrDefault() : node;
}
