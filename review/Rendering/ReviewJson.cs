namespace MnistEmr.Review.Rendering;

/// <summary>
/// <c>review.json</c>: the review in a stable schema (<see cref="SchemaVersion"/>) for other tools. Parts are named by
/// lowercase ids (<c>source</c>, <c>format_a</c>, <c>model</c>, <c>report</c>, ...) and titles; money is a number in the
/// price table's currency, or null for unknown.
/// </summary>
internal static class ReviewJson
{
    /// <summary>Bumped whenever a field changes meaning or disappears.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The review as JSON text.</summary>
    public static string Render(ReviewReport report) => Build(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The review as a JSON tree.</summary>
    public static JsonObject Build(ReviewReport report) => new()
    {
        ["schemaVersion"] = SchemaVersion,
        ["subject"] = report.Subject,
        ["stack"] = report.Stack,
        ["offline"] = report.Offline,
        ["terraformVersion"] = report.TerraformVersion,
        ["changes"] = new JsonObject
        {
            ["counts"] = new JsonObject(report.Changes.Counts.Select(c => KeyValuePair.Create(Action(c.Key), (JsonNode?)c.Value))),
            ["alarms"] = Array(report.Changes.Alarms.Select(Entry)),
            ["items"] = Array(report.Changes.Entries.Select(Entry)),
        },
        ["dataFlow"] = new JsonObject
        {
            ["nodes"] = Array(report.DataFlow.Nodes.Select(n => new JsonObject
            {
                ["part"] = Part(n.Part), ["title"] = n.Part.Title, ["address"] = n.Address, ["bucket"] = n.Name,
            })),
            ["loaderTarget"] = report.DataFlow.LoaderTarget,
            ["steps"] = Array(report.DataFlow.Steps.Select(s => new JsonObject
            {
                ["name"] = s.Name, ["actionOnFailure"] = s.ActionOnFailure,
                ["arguments"] = Array(s.Arguments.Select(a => JsonValue.Create(a))), ["locations"] = Array(s.Locations.Select(a => JsonValue.Create(a))),
                ["reads"] = s.Definition is { } f ? Array(f.Reads.Select(p => JsonValue.Create(Part(p)))) : null,
                ["writes"] = s.Definition is { } g ? Array(g.Writes.Select(p => JsonValue.Create(Part(p)))) : null,
            })),
        },
        ["security"] = new JsonObject
        {
            ["passed"] = !report.Security.Failed.Any(),
            ["checks"] = Array(report.Security.Checks.Select(c => new JsonObject
            {
                ["name"] = c.Name, ["resource"] = c.Resource, ["passed"] = c.Passed, ["warnOnly"] = c.WarnOnly, ["detail"] = c.Detail,
                ["scannerRules"] = Array(c.ScannerRules.Select(r => JsonValue.Create(r))),
            })),
            ["scannerExceptions"] = Array(report.Security.Exceptions.Select(e => new JsonObject
            {
                ["rule"] = e.Rule, ["resource"] = e.Resource, ["justification"] = e.Justification,
            })),
            ["scannerFindings"] = Array(report.Security.Findings.Select(f => new JsonObject
            {
                ["rule"] = f.Rule, ["resource"] = f.Resource, ["failed"] = f.Failed, ["detail"] = f.Detail,
            })),
            ["staleScannerExceptions"] = Array(report.Security.StaleExceptions.Select(e => new JsonObject
            {
                ["rule"] = e.Rule, ["resource"] = e.Resource, ["justification"] = e.Justification,
            })),
            ["instanceProfileS3Rights"] = Array(report.Security.InstanceProfileRights.Select(r => new JsonObject
            {
                ["bucket"] = r.Bucket, ["part"] = Part(r.Part), ["actions"] = Array(r.Actions.Select(a => JsonValue.Create(a))),
            })),
        },
        ["cost"] = CostJson.Build(report.Cost),
        ["monitoring"] = MonitoringRendering.Json(report.Monitoring),
        ["destroy"] = report.Destroy is null ? null : new JsonObject
        {
            ["removed"] = Array(report.Destroy.Removed.Select(Entry)),
            ["blockers"] = Array(report.Destroy.Blockers.Select(b => JsonValue.Create(b))),
        },
        ["diagram"] = new JsonObject
        {
            ["nodes"] = Array(report.Diagram.Nodes.Select(n => JsonValue.Create(Part(n)))),
            ["edges"] = Array(report.Diagram.Edges.Select(e => new JsonObject { ["from"] = Part(e.From), ["to"] = Part(e.To) })),
            ["mermaid"] = DiagramMermaid.Render(report.Pipeline),
            ["dot"] = DiagramDot.Render(report.Pipeline),
            ["svgDrawn"] = report.Drawing?.Svg is not null,
            ["svgNotDrawnReason"] = report.Drawing?.NotDrawnReason,
        },
        ["timingsSeconds"] = new JsonObject(report.TimingsSeconds.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)Math.Round(t.Value, 3)))),
    };

    /// <summary>The JSON id of a part, e.g. <c>format_a</c>.</summary>
    public static string Part(PipelineNode part) => part.Name;

    /// <summary>The JSON name of an action, e.g. <c>replace</c>.</summary>
    public static string Action(ChangeAction action) => action.ToString().ToLowerInvariant();

    private static JsonObject Entry(ChangeEntry e) => new()
    {
        ["address"] = e.Address,
        ["part"] = Part(e.Part),
        ["action"] = Action(e.Action),
        ["forcedBy"] = Array(e.ForcedBy.Select(f => JsonValue.Create(f))),
        ["alarm"] = e.Alarm,
    };

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());
}
