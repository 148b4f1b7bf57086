namespace MnistEmr.Contract;

/// <summary>What a node of the pipeline is, which decides what losing it costs and how the stack builds it.</summary>
public enum NodeKind
{
    /// <summary>A bucket holding the pipeline's data (S3|1 to S3|4): replacing or deleting it loses that data.</summary>
    DataBucket,

    /// <summary>A bucket the pipeline needs to run but whose objects can be made again: logs, the job's package.</summary>
    SupportBucket,

    /// <summary>Resources that hold no data: the network, the cluster, its identities, the loader's hook.</summary>
    Infrastructure,

    /// <summary>
    /// Resources beside the cluster that watch a run or open it to a person, holding no pipeline data: the run's
    /// notifications, its dashboard, the notebooks' EMR Studio.
    /// </summary>
    Monitoring,
}

/// <summary>
/// One node of the pipeline as the stack builds it, the job reads and writes it and the review names it. Each node is
/// one instance of <see cref="PipelineNodes"/>, compared by reference; its place there is its order in every listing.
/// </summary>
public sealed class PipelineNode : IComparable<PipelineNode>
{
    /// <summary>The stable lowercase name other tools key on, e.g. <c>format_a</c> (the review's JSON).</summary>
    public required string Name { get; init; }

    /// <summary>The short name of an S3 node of the diagram, e.g. <c>S3|1</c> (the job's messages use it); null for the others.</summary>
    public string? Label { get; init; }

    /// <summary>What the node is called after its <see cref="Label"/>, e.g. <c>SOURCE_MNIST_DATA</c>; the whole title for a node without one.</summary>
    public required string Caption { get; init; }

    /// <summary>The node's name as the pipeline's diagram writes it, e.g. <c>S3|1 SOURCE_MNIST_DATA</c>.</summary>
    public string Title => Label is null ? Caption : $"{Label} {Caption}";

    /// <summary>What kind of node it is.</summary>
    public required NodeKind Kind { get; init; }

    /// <summary>
    /// The id of the stack's construct that is this node, e.g. <c>s3-1-source</c>: a direct child of the stack, so
    /// every resource it makes has a logical id starting with <see cref="LogicalIds.PrefixOf"/> of it.
    /// </summary>
    public required string ConstructId { get; init; }

    /// <summary>Ids of further direct children of the stack whose resources belong to this node. Default none.</summary>
    public IReadOnlyList<string> MemberConstructIds { get; init; } = [];

    /// <summary>
    /// The key prefix (ending in '/') under which the pipeline keeps its objects in this bucket, e.g. <c>mnist/</c>;
    /// null for a node that is no bucket or whose writers choose their own keys.
    /// </summary>
    public string? KeyPrefix { get; init; }

    /// <summary>
    /// The stack output that gives where the pipeline keeps its objects in this node (<c>s3://bucket/prefix/</c>), for
    /// a data bucket; null for any other node. The job's <c>status</c> reads the deployed stack's locations by these names.
    /// </summary>
    public NodeOutput? UriOutput { get; init; }

    /// <summary>Whether the bucket keeps every version of every object: an overwrite must not lose the previous one. Default false.</summary>
    public bool Versioned { get; init; }

    /// <summary>Days after which the bucket's objects expire; null (the default) keeps them.</summary>
    public int? ExpireObjectsAfterDays { get; init; }

    /// <summary>Whether the node is an S3 bucket of the stack.</summary>
    public bool IsBucket => Kind is NodeKind.DataBucket or NodeKind.SupportBucket;

    /// <summary>The node's own construct id, then its members'.</summary>
    public IEnumerable<string> ConstructIds => [ConstructId, .. MemberConstructIds];

    /// <summary>The pipeline's steps that read this node, in run order (from <see cref="PipelineSteps.All"/>).</summary>
    public IEnumerable<StepDefinition> ReadBy => PipelineSteps.All.Where(s => s.Reads.Contains(this));

    /// <summary>The pipeline's steps that write this node, in run order (from <see cref="PipelineSteps.All"/>).</summary>
    public IEnumerable<StepDefinition> WrittenBy => PipelineSteps.All.Where(s => s.Writes.Contains(this));

    /// <summary>The pipeline's steps that read or write this node, in run order.</summary>
    public IEnumerable<StepDefinition> UsedBy => PipelineSteps.All.Where(s => s.Reads.Contains(this) || s.Writes.Contains(this));

    /// <summary>The node's place in <see cref="PipelineNodes.All"/>; a node outside the catalogue comes after all of them.</summary>
    public int Position => PipelineNodes.PositionOf(this);

    /// <summary>Orders by <see cref="Position"/>, then by <see cref="Name"/> for nodes outside the catalogue.</summary>
    public int CompareTo(PipelineNode? other) =>
        other is null ? 1 : Position != other.Position ? Position.CompareTo(other.Position) : string.CompareOrdinal(Name, other.Name);

    /// <summary>The title.</summary>
    public override string ToString() => Title;
}
