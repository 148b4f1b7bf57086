namespace MnistEmr.Review.Core;

/// <summary>One resource or data source as a plan describes it: what changes, its values, its configuration.</summary>
internal sealed record PlanResource
{
    /// <summary>Terraform address, e.g. <c>aws_s3_bucket.s3_1_source_bucket</c>.</summary>
    public required string Address { get; init; }

    /// <summary><c>managed</c> for resources, <c>data</c> for data sources.</summary>
    public required string Mode { get; init; }

    /// <summary>Resource type, e.g. <c>aws_s3_bucket</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Logical name, e.g. <c>s3_1_source_bucket</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the plan does to it.</summary>
    public required ChangeAction Action { get; init; }

    /// <summary>Values before the change (null for a create).</summary>
    public JsonNode? Before { get; init; }

    /// <summary>Values after the change, as far as known at plan time (null for a delete).</summary>
    public JsonNode? After { get; init; }

    /// <summary>Which values are known only after apply.</summary>
    public JsonNode? AfterUnknown { get; init; }

    /// <summary>The attributes whose change forces a replacement.</summary>
    public IReadOnlyList<string> ReplacePaths { get; init; } = [];

    /// <summary>The configuration expressions (with their references), when the plan carries the configuration.</summary>
    public JsonNode? Expressions { get; init; }

    /// <summary>Explicit <c>depends_on</c> of the configuration.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The values the review reads: after the change, or before it for a delete.</summary>
    public JsonNode? Values => Action == ChangeAction.Delete ? Before : After;

    /// <summary>Whether the attribute is known only after apply.</summary>
    public bool IsUnknown(string attribute) => (bool?)AfterUnknown?[attribute] == true;

    /// <summary>Every resource address that an expression (found by path) references, without attribute suffixes.</summary>
    public IReadOnlyList<string> ReferencesAt(params string[] path)
    {
        JsonNode? node = Expressions;
        foreach (var step in path)
            node = node is JsonArray array ? array.FirstOrDefault()?[step] : node?[step];
        return TerraformPlan.ResourceReferences(node);
    }
}
