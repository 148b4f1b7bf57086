namespace MnistEmr.Review.Core;

/// <summary>
/// A plan in Terraform's JSON output format (<c>terraform show -json</c>): its resource changes joined with their
/// configuration, so the review can follow references between resources even where values are known only after apply.
/// </summary>
internal sealed class TerraformPlan
{
    private TerraformPlan(IReadOnlyList<PlanResource> resources, IReadOnlyList<PlanResource> readWhilePlanning, string? terraformVersion, string? region, bool isDestroy)
    {
        Resources = resources;
        ReadWhilePlanning = readWhilePlanning;
        TerraformVersion = terraformVersion;
        Region = region;
        IsDestroy = isDestroy;
    }

    /// <summary>Every resource and data source the plan mentions, in the plan's order.</summary>
    public IReadOnlyList<PlanResource> Resources { get; }

    /// <summary>
    /// The data sources Terraform read while planning (their values are in the plan's <c>prior_state</c>): unlike a data
    /// source read at apply, such a one is not among <see cref="Resources"/>, for nothing changes about it.
    /// </summary>
    public IReadOnlyList<PlanResource> ReadWhilePlanning { get; }

    /// <summary>Every data source of a type, whether read while planning or at apply.</summary>
    public IEnumerable<PlanResource> DataSources(string type) =>
        Resources.Concat(ReadWhilePlanning).Where(r => r.Mode == "data" && r.Type == type);

    /// <summary>The managed resources only.</summary>
    public IEnumerable<PlanResource> Managed => Resources.Where(r => r.Mode == "managed");

    /// <summary>The Terraform version that made the plan.</summary>
    public string? TerraformVersion { get; }

    /// <summary>The AWS provider's region, when the configuration states it.</summary>
    public string? Region { get; }

    /// <summary>Whether every change is a delete (a <c>plan -destroy</c>).</summary>
    public bool IsDestroy { get; }

    /// <summary>One resource or data source by address (a data source read while planning too), or null.</summary>
    public PlanResource? Find(string address) => Resources.FirstOrDefault(r => r.Address == address) ?? ReadWhilePlanning.FirstOrDefault(r => r.Address == address);

    /// <summary>Every managed resource of a type.</summary>
    public IEnumerable<PlanResource> OfType(string type) => Managed.Where(r => r.Type == type);

    /// <summary>Parses a plan JSON document.</summary>
    /// <param name="json">The text of <c>terraform show -json</c> of a saved plan.</param>
    /// <param name="source">Where it came from, for the error message.</param>
    /// <exception cref="ToolException">The text is not a Terraform plan in JSON.</exception>
    public static TerraformPlan Parse(string json, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ToolException($"{source} is not JSON ({e.Message}); expected the output of 'terraform show -json <plan file>'", ExitCode.UsageError);
        }
        if (root is not JsonObject plan || plan["format_version"] is null || (plan["planned_values"] is null && plan["resource_changes"] is null))
            throw new ToolException($"{source} is not a Terraform plan in JSON: it has no format_version and planned_values; expected the output of 'terraform show -json <plan file>'", ExitCode.UsageError);

        try
        {
            return Read(plan);
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or InvalidCastException or FormatException or ArgumentException)
        {
            // A hand-made or truncated document: a member missing or of the wrong JSON kind is bad input, not a bug.
            throw new ToolException($"{source} is not a Terraform plan in JSON of the expected shape ({e.Message}); expected the output of 'terraform show -json <plan file>'", ExitCode.UsageError);
        }
    }

    private static TerraformPlan Read(JsonObject plan)
    {
        var configuration = ConfigurationByAddress(plan["configuration"]?["root_module"]?["resources"]);
        var resources = new List<PlanResource>();
        foreach (var change in plan["resource_changes"]?.AsArray() ?? [])
        {
            var address = (string)change!["address"]!;
            configuration.TryGetValue(address, out var config);
            resources.Add(new PlanResource
            {
                Address = address,
                Mode = (string?)change["mode"] ?? "managed",
                Type = (string)change["type"]!,
                Name = (string)change["name"]!,
                Action = ActionOf(change["change"]?["actions"]),
                Before = change["change"]?["before"]?.DeepClone(),
                After = change["change"]?["after"]?.DeepClone(),
                AfterUnknown = change["change"]?["after_unknown"]?.DeepClone(),
                ReplacePaths = (change["change"]?["replace_paths"]?.AsArray() ?? [])
                    .Select(p => string.Join('.', p!.AsArray().Select(s => s!.ToString()))).ToArray(),
                Expressions = config?["expressions"]?.DeepClone(),
                DependsOn = (config?["depends_on"]?.AsArray() ?? []).Select(d => (string)d!).ToArray(),
            });
        }

        // Data sources read while planning, with their configuration: only the root module's, as for the changes.
        var changed = resources.Select(r => r.Address).ToHashSet();
        var read = (plan["prior_state"]?["values"]?["root_module"]?["resources"]?.AsArray() ?? [])
            .Where(r => (string?)r?["mode"] == "data" && !changed.Contains((string)r!["address"]!))
            .Select(r => new PlanResource
            {
                Address = (string)r!["address"]!,
                Mode = "data",
                Type = (string)r["type"]!,
                Name = (string)r["name"]!,
                Action = ChangeAction.NoOp,
                Before = r["values"]?.DeepClone(),
                After = r["values"]?.DeepClone(),
                Expressions = configuration.GetValueOrDefault((string)r["address"]!)?["expressions"]?.DeepClone(),
            }).ToArray();

        var managed = resources.Where(r => r.Mode == "managed").ToArray();
        var isDestroy = managed.Length > 0 && managed.All(r => r.Action is ChangeAction.Delete or ChangeAction.NoOp)
            && managed.Any(r => r.Action == ChangeAction.Delete);
        var region = (string?)plan["configuration"]?["provider_config"]?["aws"]?["expressions"]?["region"]?["constant_value"];
        return new TerraformPlan(resources, read, (string?)plan["terraform_version"], region, isDestroy);
    }

    /// <summary>Resource addresses in a configuration expression's references (Terraform lists both <c>a.b.attr</c> and <c>a.b</c>).</summary>
    public static IReadOnlyList<string> ResourceReferences(JsonNode? expression)
    {
        var found = new List<string>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj["references"] is JsonArray refs)
                        found.AddRange(refs.Select(r => AddressOf((string)r!)));
                    foreach (var (key, value) in obj)
                        if (key != "references")
                            Walk(value);
                    break;
                case JsonArray array:
                    foreach (var item in array)
                        Walk(item);
                    break;
            }
        }
        Walk(expression);
        return found.Distinct().ToArray();
    }

    private static string AddressOf(string reference)
    {
        var parts = reference.Split('.');
        var length = parts[0] == "data" ? 3 : 2;
        return string.Join('.', parts.Take(length));
    }

    private static Dictionary<string, JsonNode> ConfigurationByAddress(JsonNode? resources) =>
        (resources?.AsArray() ?? []).Where(r => r?["address"] is not null)
            .ToDictionary(r => (string)r!["address"]!, r => r!);

    private static ChangeAction ActionOf(JsonNode? actions)
    {
        var list = (actions?.AsArray() ?? []).Select(a => (string)a!).ToArray();
        return list switch
        {
            ["create"] => ChangeAction.Create,
            ["read"] => ChangeAction.Read,
            ["update"] => ChangeAction.Update,
            ["delete"] => ChangeAction.Delete,
            ["delete", "create"] or ["create", "delete"] => ChangeAction.Replace,
            _ => ChangeAction.NoOp,
        };
    }
}
