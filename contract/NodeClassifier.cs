namespace MnistEmr.Contract;

/// <summary>The direct child of the stack a logical id lies under, and the node that construct belongs to.</summary>
/// <param name="Node">The node.</param>
/// <param name="ConstructId">The construct's id, e.g. <c>job-artifacts</c> (the node's own) or <c>job-artifact</c> (a member).</param>
public sealed record NodeMatch(PipelineNode Node, string ConstructId);

/// <summary>
/// Finds the node of a Terraform element from its logical id alone. Each construct id of each node claims the ids
/// that start with its <see cref="LogicalIds.PrefixOf"/>; where several claim one id (<c>emr_</c> and
/// <c>emr_logs_</c> both claim <c>emr_logs_bucket</c>) the longest prefix wins, the innermost name. The answer
/// therefore does not depend on the order the nodes are given in.
/// </summary>
public sealed class NodeClassifier
{
    private readonly (string Prefix, NodeMatch Match)[] _claims;

    /// <summary>A classifier over <paramref name="nodes"/>.</summary>
    /// <exception cref="ArgumentException">Two construct ids have the same logical-id spelling (e.g. <c>a-b</c> and <c>a_b</c>).</exception>
    public NodeClassifier(IEnumerable<PipelineNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var claims = nodes.SelectMany(n => n.ConstructIds.Select(id => (Prefix: LogicalIds.PrefixOf(id), Match: new NodeMatch(n, id)))).ToArray();
        if (claims.GroupBy(c => c.Prefix).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new ArgumentException(
                $"construct ids {string.Join(" and ", clash.Select(c => $"'{c.Match.ConstructId}'"))} share the logical-id prefix '{clash.Key}'", nameof(nodes));
        }

        // Longest first; two distinct prefixes of one length cannot both start the same id, so ties need no rule.
        _claims = claims.OrderByDescending(c => c.Prefix.Length).ThenBy(c => c.Prefix, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The construct and node <paramref name="logicalId"/> lies under, or null when no node claims it.</summary>
    public NodeMatch? Match(string logicalId)
    {
        ArgumentNullException.ThrowIfNull(logicalId);
        foreach (var (prefix, match) in _claims)
        {
            // An element that is itself the direct child has the bare id, without the separator.
            if (logicalId.StartsWith(prefix, StringComparison.Ordinal) || logicalId == prefix[..^1])
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>The node <paramref name="logicalId"/> belongs to, or null when no node claims it.</summary>
    public PipelineNode? OwnerOf(string logicalId) => Match(logicalId)?.Node;
}
