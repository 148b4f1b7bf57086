namespace MnistJob.Steps;

/// <summary>
/// The pipeline's S3 prefixes, each <c>s3://bucket/prefix/</c> ending in '/'. Treated as opaque strings: the stack
/// passes Terraform tokens such as <c>s3://${aws_s3_bucket.x.bucket}/mnist/</c>, resolved only at deploy time.
/// </summary>
/// <param name="SourceUri">S3|1 SOURCE_MNIST_DATA: the four raw IDX .gz files.</param>
/// <param name="FormatAUri">S3|2 FORMAT A: <c>train/</c> and <c>test/</c> trees of <c>&lt;name&gt;.png</c> + <c>&lt;name&gt;.txt</c>.</param>
/// <param name="ModelUri">S3|4 Serialized Model: <c>runs/&lt;run id&gt;/model.zip</c> and <c>model-card.json</c>.</param>
/// <param name="ReportUri">S3|3 Model Performance Report: <c>runs/&lt;run id&gt;/report.*</c>.</param>
public sealed record StepLocations(string SourceUri, string FormatAUri, string ModelUri, string ReportUri);
