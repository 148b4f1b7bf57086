namespace Pipeline.Review.Core;

/// <summary>
/// Which part of the pipeline a resource belongs to, from its logical name: the stack names every resource after its
/// construct path (<c>s3_1_source_bucket</c>, <c>network_vpc</c>, <c>emr_cluster</c>), and those names are stable.
/// </summary>
public static class PipelineParts
{
    private static readonly (string Prefix, PipelinePart Part)[] Prefixes =
    [
        ("s3_1_source_", PipelinePart.Source),
        ("s3_2_format_a_", PipelinePart.FormatA),
        ("s3_4_model_", PipelinePart.Model),
        ("s3_3_report_", PipelinePart.Report),
        ("emr_logs_", PipelinePart.Logs),
        ("network_", PipelinePart.Network),
        ("emr_roles_", PipelinePart.Iam),
        ("emr_", PipelinePart.Emr),
        ("data_loader_", PipelinePart.Loader),
        ("job_artifact", PipelinePart.JobArtifact),
    ];

    /// <summary>The buckets that hold the pipeline's data: replacing or deleting one loses it.</summary>
    public static readonly PipelinePart[] DataParts = [PipelinePart.Source, PipelinePart.FormatA, PipelinePart.Model, PipelinePart.Report];

    /// <summary>The part of a resource, by its logical name.</summary>
    public static PipelinePart Of(PlanResource resource) =>
        Prefixes.FirstOrDefault(p => resource.Name.StartsWith(p.Prefix, StringComparison.Ordinal)) is { Prefix: not null } match
            ? match.Part
            : PipelinePart.Other;

    /// <summary>The part's name as the pipeline's diagram writes it.</summary>
    public static string Title(PipelinePart part) => part switch
    {
        PipelinePart.Source => "S3|1 SOURCE_MNIST_DATA",
        PipelinePart.FormatA => "S3|2 FORMAT A",
        PipelinePart.Model => "S3|4 Serialized Model",
        PipelinePart.Report => "S3|3 Model Performance Report",
        PipelinePart.Logs => "EMR logs",
        PipelinePart.Network => "Network",
        PipelinePart.Emr => "EMR",
        PipelinePart.Iam => "IAM",
        PipelinePart.Loader => "Data loader",
        PipelinePart.JobArtifact => "Job artifact",
        _ => "Other",
    };

    /// <summary>The S3 bucket resource of a bucket part, e.g. <c>aws_s3_bucket.s3_1_source_bucket</c>.</summary>
    public static PlanResource? Bucket(TerraformPlan plan, PipelinePart part) =>
        plan.OfType("aws_s3_bucket").FirstOrDefault(b => Of(b) == part);
}
