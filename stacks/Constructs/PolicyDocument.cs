namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// The IAM policy documents of the constructs, written as their statements alone: each is an
/// <c>aws_iam_policy_document</c> data source, so Terraform renders the JSON and the plan shows it whole.
/// </summary>
internal static class PolicyDocument
{
    /// <summary>The JSON of a document of <paramref name="statements"/>, a data source <paramref name="id"/> in <paramref name="scope"/>.</summary>
    public static string Json(Construct scope, string id, params DataAwsIamPolicyDocumentStatement[] statements) =>
        new DataAwsIamPolicyDocument(scope, id, new DataAwsIamPolicyDocumentConfig { Statement = statements }).Json;

    /// <summary>The principal of a statement that an AWS service (e.g. <c>events.amazonaws.com</c>) is given.</summary>
    public static DataAwsIamPolicyDocumentStatementPrincipals[] Service(string service) => [new() { Type = "Service", Identifiers = [service] }];
}
