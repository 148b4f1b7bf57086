namespace MnistEmr.Contract;

/// <summary>
/// Where the steps find each data node: an <c>s3://bucket/prefix/</c> ending in '/', keyed by node. Treated as
/// opaque strings: the stack passes Terraform tokens such as <c>s3://${aws_s3_bucket.x.bucket}/mnist/</c>, resolved
/// only at deploy time.
/// </summary>
/// <remarks>
/// Keyed by <see cref="PipelineNode"/> rather than one field per node, so a new data node is an entry of
/// <see cref="PipelineNodes"/>, not a change here. The shorthands below only read the map.
/// </remarks>
public sealed class StepLocations : IEquatable<StepLocations>
{
    private readonly IReadOnlyDictionary<PipelineNode, string> uris;

    /// <summary>The locations of every data node of <see cref="PipelineNodes.DataBuckets"/>.</summary>
    /// <exception cref="ArgumentException">A data node has no location, or a node given is no data node.</exception>
    public StepLocations(IReadOnlyDictionary<PipelineNode, string> uris)
    {
        ArgumentNullException.ThrowIfNull(uris);
        var missing = PipelineNodes.DataBuckets.Where(n => !uris.ContainsKey(n)).Select(n => n.Title).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"no location for {string.Join(", ", missing)}", nameof(uris));
        }

        var extra = uris.Keys.Where(n => n.Kind != NodeKind.DataBucket).Select(n => n.Title).ToList();
        if (extra.Count > 0)
        {
            throw new ArgumentException($"{string.Join(", ", extra)} is no data node", nameof(uris));
        }

        this.uris = PipelineNodes.DataBuckets.ToDictionary(n => n, n => uris[n]);
    }

    /// <summary>
    /// Every data node under one root, at its key prefix (<c>s3://bucket/mnist/</c>, <c>s3://bucket/format-a/</c> ...):
    /// one bucket for all, as tests and a local try-out use it.
    /// </summary>
    public static StepLocations Under(string root) =>
        new(PipelineNodes.DataBuckets.ToDictionary(n => n, n => $"{root.TrimEnd('/')}/{n.KeyPrefix}"));

    /// <summary>These locations with <paramref name="node"/>'s replaced by <paramref name="uri"/>.</summary>
    public StepLocations With(PipelineNode node, string uri) =>
        new(uris.ToDictionary(u => u.Key, u => u.Key == node ? uri : u.Value));

    /// <summary>The location of <paramref name="node"/>.</summary>
    /// <exception cref="KeyNotFoundException">The node is no data node.</exception>
    public string this[PipelineNode node] => uris.TryGetValue(node, out var uri) ? uri : throw new KeyNotFoundException($"{node.Title} has no location");

    /// <summary>Every data node's location, in flow order.</summary>
    public IEnumerable<KeyValuePair<PipelineNode, string>> All => uris;

    /// <summary>The location of <paramref name="node"/>, or null for a node the steps have no location for.</summary>
    public string? UriOf(PipelineNode node) => uris.GetValueOrDefault(node);

    /// <summary><see cref="PipelineNodes.Source"/>: the four raw IDX .gz files.</summary>
    public string SourceUri => this[PipelineNodes.Source];

    /// <summary><see cref="PipelineNodes.FormatA"/>: <c>train/</c> and <c>test/</c> trees of <c>&lt;name&gt;.png</c> + <c>&lt;name&gt;.txt</c>.</summary>
    public string FormatAUri => this[PipelineNodes.FormatA];

    /// <summary><see cref="PipelineNodes.Model"/>: <c>runs/&lt;run id&gt;/model.zip</c> and <c>model-card.json</c>.</summary>
    public string ModelUri => this[PipelineNodes.Model];

    /// <summary><see cref="PipelineNodes.Report"/>: <c>runs/&lt;run id&gt;/report.*</c>.</summary>
    public string ReportUri => this[PipelineNodes.Report];

    /// <inheritdoc />
    public bool Equals(StepLocations? other) => other is not null && uris.All(u => other.uris.TryGetValue(u.Key, out var v) && v == u.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StepLocations);

    /// <inheritdoc />
    public override int GetHashCode() => uris.Aggregate(0, (hash, u) => HashCode.Combine(hash, u.Value));

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", uris.Select(u => $"{u.Key.Label} {u.Value}"));
}
