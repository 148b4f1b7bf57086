namespace MnistEmr.Stacks.Tests.Support;

/// <summary>Reading a plan in Terraform's JSON output format (<c>terraform show -json</c>).</summary>
public sealed class PlanDocument(JsonNode plan)
{
    /// <summary>The whole plan.</summary>
    public JsonNode Json { get; } = plan;

    /// <summary>Every managed resource change: address and actions.</summary>
    public IEnumerable<(string Address, string[] Actions)> Changes =>
        Json["resource_changes"]!.AsArray()
            .Where(c => (string?)c!["mode"] == "managed")
            .Select(c => ((string)c!["address"]!, c["change"]!["actions"]!.AsArray().Select(a => (string)a!).ToArray()));

    /// <summary>The planned values of a resource (known ones; unknown ones are absent).</summary>
    public JsonNode Planned(string address)
    {
        var resource = Json["planned_values"]!["root_module"]!["resources"]!.AsArray()
            .SingleOrDefault(r => (string?)r!["address"] == address);
        Assert.That(resource, Is.Not.Null, $"{address} is not in the plan");
        return resource!["values"]!;
    }

    /// <summary>Whether an attribute of a resource is known only after apply.</summary>
    public bool IsUnknown(string address, string attribute)
    {
        var change = Json["resource_changes"]!.AsArray().Single(c => (string?)c!["address"] == address)!;
        return (bool?)change["change"]!["after_unknown"]?[attribute] == true;
    }

    /// <summary>The configuration expressions of a resource or data source, as the plan records them.</summary>
    public JsonNode Expressions(string address) =>
        Json["configuration"]!["root_module"]!["resources"]!.AsArray()
            .Single(r => (string?)r!["address"] == address)!["expressions"]!;

    /// <summary>The references of one expression, e.g. <c>aws_subnet.network_public_subnet.id</c>.</summary>
    public static string[] References(JsonNode? expression) =>
        expression?["references"]?.AsArray().Select(r => (string)r!).ToArray() ?? [];
}
