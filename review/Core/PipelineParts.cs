namespace MnistEmr.Review.Core;

/// <summary>
/// Which part of the pipeline a plan's resource belongs to: the node of <see cref="PipelineNodes"/> whose construct
/// made it, read from its logical name (the stack names every resource after its construct path, e.g.
/// <c>s3_1_source_bucket</c>, <c>network_vpc</c>, <c>emr_cluster</c>) by the contract's own rule
/// (<see cref="NodeClassifier"/>), or <see cref="Other"/>.
/// </summary>
internal static class PipelineParts
{
    /// <summary>Anything the pipeline's constructs did not make; listed after every node.</summary>
    public static readonly PipelineNode Other = new() { Name = "other", Caption = "Other", Kind = NodeKind.Infrastructure, ConstructId = "" };

    /// <summary>The part of a resource, by its logical name.</summary>
    public static PipelineNode Of(PlanResource resource) => PipelineNodes.OwnerOf(resource.Name) ?? Other;

    /// <summary>The S3 bucket resource of a bucket node, e.g. <c>aws_s3_bucket.s3_1_source_bucket</c>.</summary>
    public static PlanResource? Bucket(TerraformPlan plan, PipelineNode node) =>
        plan.OfType("aws_s3_bucket").FirstOrDefault(b => Of(b) == node);
}
