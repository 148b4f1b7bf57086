namespace MnistEmr.Contract;

/// <summary>
/// The pipeline's S3 prefixes, each <c>s3://bucket/prefix/</c> ending in '/'. Treated as opaque strings: the stack
/// passes Terraform tokens such as <c>s3://${aws_s3_bucket.x.bucket}/mnist/</c>, resolved only at deploy time.
/// </summary>
/// <param name="SourceUri"><see cref="PipelineNodes.Source"/>: the four raw IDX .gz files.</param>
/// <param name="FormatAUri"><see cref="PipelineNodes.FormatA"/>: <c>train/</c> and <c>test/</c> trees of <c>&lt;name&gt;.png</c> + <c>&lt;name&gt;.txt</c>.</param>
/// <param name="ModelUri"><see cref="PipelineNodes.Model"/>: <c>runs/&lt;run id&gt;/model.zip</c> and <c>model-card.json</c>.</param>
/// <param name="ReportUri"><see cref="PipelineNodes.Report"/>: <c>runs/&lt;run id&gt;/report.*</c>.</param>
public sealed record StepLocations(string SourceUri, string FormatAUri, string ModelUri, string ReportUri)
{
    /// <summary>The location of <paramref name="node"/>, or null for a node the steps have no location for.</summary>
    public string? UriOf(PipelineNode node) =>
        node == PipelineNodes.Source ? SourceUri
        : node == PipelineNodes.FormatA ? FormatAUri
        : node == PipelineNodes.Model ? ModelUri
        : node == PipelineNodes.Report ? ReportUri
        : null;
}
