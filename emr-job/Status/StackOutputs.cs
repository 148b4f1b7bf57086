namespace MnistEmr.Job.Status;

/// <summary>
/// The node locations and cluster id the stack declares as Terraform outputs (<c>PipelineStack.DeclareOutputs</c>),
/// read from <c>terraform output -json</c>: an object of output name to <c>{"value": ..., "type": ..., "sensitive": ...}</c>
/// (Terraform CLI docs, "Command: output", <c>-json</c>).
/// </summary>
/// <param name="Locations">Every data node's location, by the output its node declares (<see cref="PipelineNode.UriOutput"/>).</param>
/// <param name="ClusterId">The EMR cluster's id, or null when the stack has no cluster output.</param>
/// <param name="DashboardUrl">The run's CloudWatch dashboard, or null when the stack has no dashboard output (an older stack).</param>
internal sealed record StackOutputs(StepLocations Locations, string? ClusterId, string? DashboardUrl = null)
{
    /// <summary>The output of the EMR cluster's id.</summary>
    public const string ClusterOutput = PipelineNodes.ClusterIdOutput;

    /// <summary>The outputs <c>status</c> needs: every data node's location.</summary>
    public static readonly IReadOnlyList<string> Required = [.. PipelineNodes.DataBuckets.Select(OutputOf)];

    /// <summary>The output that gives <paramref name="node"/>'s location.</summary>
    public static string OutputOf(PipelineNode node) =>
        node.UriOutput?.Name ?? throw new ArgumentException($"{node.Title} declares no location output", nameof(node));

    /// <summary>The output of the run's CloudWatch dashboard URL.</summary>
    public const string DashboardOutput = PipelineNodes.DashboardUrlOutput;

    /// <summary>Parses <paramref name="json"/>, the stdout of <c>terraform output -json</c> in <paramref name="stackDirectory"/>.</summary>
    /// <exception cref="ToolException">Exit 3 naming the outputs that are missing (an empty object: nothing deployed).</exception>
    public static StackOutputs Parse(string json, string stackDirectory)
    {
        Dictionary<string, string> values;
        try
        {
            using var document = JsonDocument.Parse(json);
            values = document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject()
                    .Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String)
                    .ToDictionary(o => o.Name, o => o.Value.GetProperty("value").GetString()!, StringComparer.Ordinal)
                : [];
        }
        catch (JsonException ex)
        {
            throw ToolException.Remote($"terraform output -json in {stackDirectory} printed no JSON object: {ex.Message}");
        }

        var missing = Required.Where(name => !values.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            var nothing = missing.Count == Required.Count ? " (the state has no outputs: is the stack deployed? npx cdktf deploy)" : string.Empty;
            throw ToolException.Remote(
                $"the stack's Terraform outputs in {stackDirectory} lack {string.Join(", ", missing)}{nothing}; "
                + "or give --format-a, --models and --reports");
        }

        return new StackOutputs(
            new StepLocations(PipelineNodes.DataBuckets.ToDictionary(n => n, n => values[OutputOf(n)])), values.GetValueOrDefault(ClusterOutput),
            values.GetValueOrDefault(DashboardOutput));
    }
}
