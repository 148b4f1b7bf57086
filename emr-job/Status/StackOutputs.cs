using System.Text.Json;
using MnistEmr.Common.Cli;

namespace MnistEmr.Job.Status;

/// <summary>
/// The node locations and cluster id the stack declares as Terraform outputs (<c>PipelineStack.DeclareOutputs</c>),
/// read from <c>terraform output -json</c>: an object of output name to <c>{"value": ..., "type": ..., "sensitive": ...}</c>
/// (Terraform CLI docs, "Command: output", <c>-json</c>).
/// </summary>
/// <param name="SourceUri">S3|1.</param>
/// <param name="FormatAUri">S3|2.</param>
/// <param name="ModelUri">S3|4.</param>
/// <param name="ReportUri">S3|3.</param>
/// <param name="ClusterId">The EMR cluster's id, or null when the stack has no cluster output.</param>
/// <param name="DashboardUrl">The run's CloudWatch dashboard, or null when the stack has no dashboard output (an older stack).</param>
public sealed record StackOutputs(string SourceUri, string FormatAUri, string ModelUri, string ReportUri, string? ClusterId, string? DashboardUrl = null)
{
    /// <summary>The output of S3|1's data URI.</summary>
    public const string SourceOutput = "s3_1_dataset_uri";

    /// <summary>The output of S3|2's data URI.</summary>
    public const string FormatAOutput = "s3_2_format_a_uri";

    /// <summary>The output of S3|4's data URI.</summary>
    public const string ModelOutput = "s3_4_model_uri";

    /// <summary>The output of S3|3's data URI.</summary>
    public const string ReportOutput = "s3_3_report_uri";

    /// <summary>The output of the cluster's id.</summary>
    public const string ClusterOutput = "emr_cluster_id";

    /// <summary>The output of the run's CloudWatch dashboard URL.</summary>
    public const string DashboardOutput = "dashboard_url";

    /// <summary>The outputs status needs, in flow order.</summary>
    public static readonly IReadOnlyList<string> Required = [SourceOutput, FormatAOutput, ModelOutput, ReportOutput];

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
            values[SourceOutput], values[FormatAOutput], values[ModelOutput], values[ReportOutput], values.GetValueOrDefault(ClusterOutput),
            values.GetValueOrDefault(DashboardOutput));
    }
}
