namespace MnistEmr.Review.Core;

/// <summary>One IAM policy statement as far as the plan tells it: effect, actions, and resources (literal or referenced).</summary>
/// <param name="Effect">Allow or Deny.</param>
/// <param name="Actions">The actions.</param>
/// <param name="LiteralResources">Resources written as text, e.g. <c>*</c> or an ARN.</param>
/// <param name="ReferencedResources">Addresses of the Terraform resources whose attributes the resources name.</param>
/// <param name="Conditions">Conditions as (test, variable, values).</param>
internal sealed record PolicyStatement(
    string Effect,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> LiteralResources,
    IReadOnlyList<string> ReferencedResources,
    IReadOnlyList<(string Test, string Variable, IReadOnlyList<string> Values)> Conditions)
{
    /// <summary>The principals the statement names, e.g. <c>logging.s3.amazonaws.com</c> or <c>*</c> (empty in an identity policy).</summary>
    public IReadOnlyList<string> Principals => PrincipalsByType.SelectMany(p => p.Identifiers).ToArray();

    /// <summary>
    /// The principals by type (<c>AWS</c>, <c>Service</c>, <c>Federated</c>, ...), as written; a bare <c>"Principal": "*"</c>
    /// is type <c>*</c>, as <c>aws_iam_policy_document</c> writes its <c>type = "*"</c>.
    /// </summary>
    public IReadOnlyList<(string Type, IReadOnlyList<string> Identifiers)> PrincipalsByType { get; init; } = [];

    /// <summary>The statement's <c>NotAction</c> (empty unless it names the actions it does not cover).</summary>
    public IReadOnlyList<string> NotActions { get; init; } = [];

    /// <summary>Whether the statement has a <c>NotResource</c> element (Terraform: <c>not_resources</c>).</summary>
    public bool HasNotResources { get; init; }

    /// <summary>
    /// Whether the statement has a condition, even one whose values the plan does not know: IAM scanners take any
    /// non-empty <c>Condition</c> as a constraint.
    /// </summary>
    public bool HasCondition { get; init; }

    /// <summary>
    /// The statements of a policy attribute: a known policy JSON document, or a reference to an
    /// <c>aws_iam_policy_document</c> data source whose configuration the plan carries.
    /// </summary>
    public static IReadOnlyList<PolicyStatement> Of(TerraformPlan plan, PlanResource owner, string attribute)
    {
        if ((string?)owner.Values?[attribute] is { Length: > 0 } text && JsonNode.Parse(text) is JsonObject document)
            return FromDocument(document);
        var source = owner.ReferencesAt(attribute).Select(plan.Find).FirstOrDefault(r => r?.Type == "aws_iam_policy_document");
        return source is null ? [] : FromPolicyDocumentSource(plan, source, depth: 0);
    }

    /// <summary>
    /// Whether the plan tells a policy attribute's statements: a known JSON document, or a reference to an
    /// <c>aws_iam_policy_document</c> data source the plan carries. False for a policy known only after apply that no
    /// document of the plan writes (<c>jsonencode</c> of values Terraform has yet to learn).
    /// </summary>
    public static bool IsReadable(TerraformPlan plan, PlanResource owner, string attribute) =>
        (string?)owner.Values?[attribute] is { Length: > 0 }
        || owner.ReferencesAt(attribute).Select(plan.Find).Any(r => r?.Type == "aws_iam_policy_document");

    /// <summary>
    /// An <c>aws_iam_policy_document</c> data source's own <c>statement</c> blocks, as written in its configuration, without
    /// the documents it builds on: what a scanner judges on the data source itself (each document it builds on is a
    /// data source of its own, judged on its own).
    /// </summary>
    public static IReadOnlyList<PolicyStatement> OwnStatements(PlanResource source) => StatementsOfSource(source);

    private static IReadOnlyList<PolicyStatement> FromDocument(JsonObject document)
    {
        var statements = document["Statement"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject single => [single],
            _ => [],
        };
        return statements.Select(s => new PolicyStatement(
            (string?)s["Effect"] ?? "Allow",
            Strings(s["Action"]),
            Strings(s["Resource"]),
            [],
            (s["Condition"] as JsonObject ?? []).SelectMany(test => (test.Value as JsonObject ?? [])
                .Select(v => (test.Key, v.Key, (IReadOnlyList<string>)Strings(v.Value)))).ToArray())
        {
            PrincipalsByType = s["Principal"] switch
            {
                JsonObject byType => byType.Select(p => (p.Key, (IReadOnlyList<string>)Strings(p.Value))).ToArray(),
                JsonValue any => [("*", [any.ToString()])],
                _ => [],
            },
            NotActions = Strings(s["NotAction"]),
            HasNotResources = s["NotResource"] is not null,
            HasCondition = s["Condition"] is JsonObject { Count: > 0 },
        }).ToArray();
    }

    // A document's own statements, then those of the documents it builds on (source_policy_documents), as IAM merges them.
    private static IReadOnlyList<PolicyStatement> FromPolicyDocumentSource(TerraformPlan plan, PlanResource source, int depth)
    {
        var statements = StatementsOfSource(source).ToList();
        // A cycle cannot be written in Terraform, but a hand-made plan could hold one: a few levels are plenty.
        if (depth < 4)
        {
            foreach (var address in TerraformPlan.ResourceReferences(source.Expressions?["source_policy_documents"]).Distinct())
                if (plan.Find(address) is { Type: "aws_iam_policy_document" } included)
                    statements.AddRange(FromPolicyDocumentSource(plan, included, depth + 1));
        }
        return statements;
    }

    private static PolicyStatement[] StatementsOfSource(PlanResource source) =>
        (source.Expressions?["statement"]?.AsArray() ?? []).OfType<JsonObject>().Select(s => new PolicyStatement(
            (string?)s["effect"]?["constant_value"] ?? "Allow",
            Strings(s["actions"]?["constant_value"]),
            Strings(s["resources"]?["constant_value"]),
            TerraformPlan.ResourceReferences(s["resources"]),
            (s["condition"]?.AsArray() ?? []).OfType<JsonObject>().Select(c => (
                (string?)c["test"]?["constant_value"] ?? "",
                (string?)c["variable"]?["constant_value"] ?? "",
                (IReadOnlyList<string>)Strings(c["values"]?["constant_value"]))).ToArray())
        {
            PrincipalsByType = (s["principals"]?.AsArray() ?? []).OfType<JsonObject>()
                .Select(p => ((string?)p["type"]?["constant_value"] ?? "", (IReadOnlyList<string>)Strings(p["identifiers"]?["constant_value"]))).ToArray(),
            NotActions = Strings(s["not_actions"]?["constant_value"]),
            HasNotResources = s["not_resources"] is not null,
            HasCondition = s["condition"] is JsonArray { Count: > 0 },
        }).ToArray();

    private static string[] Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => n!.ToString()).ToArray(),
        JsonValue value => [value.ToString()],
        _ => [],
    };
}
