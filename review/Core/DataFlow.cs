namespace MnistEmr.Review.Core;

/// <summary>The path the data takes, 1 → 2 → 4 → 3, with the buckets the plan creates, the loader's target and the EMR steps.</summary>
/// <param name="Nodes">The data buckets in flow order.</param>
/// <param name="LoaderTarget">Where the data loader writes, or null when the stack runs no loader.</param>
/// <param name="Steps">The cluster's steps in the order EMR runs them.</param>
internal sealed record DataFlow(IReadOnlyList<DataFlowNode> Nodes, string? LoaderTarget, IReadOnlyList<DataFlowStep> Steps)
{
    /// <summary>Reads the data flow from a plan.</summary>
    public static DataFlow Of(TerraformPlan plan)
    {
        var nodes = PipelineNodes.DataBuckets
            .Select(part => PipelineParts.Bucket(plan, part) is { } bucket ? new DataFlowNode(part, bucket.Address, BucketName(bucket)) : null)
            .OfType<DataFlowNode>()
            .ToArray();

        var loader = plan.OfType("terraform_data").FirstOrDefault(r => PipelineParts.Of(r) == PipelineNodes.Loader);
        string? target = null;
        if (loader is not null)
        {
            target = (string?)loader.Values?["triggers_replace"]?["target"];
            if (target is null)
            {
                var bucket = loader.ReferencesAt("triggers_replace").FirstOrDefault(a => a.StartsWith("aws_s3_bucket.", StringComparison.Ordinal));
                target = bucket is null ? "unknown" : $"a key prefix in {Describe(plan, bucket)}";
            }
        }

        var cluster = plan.OfType("aws_emr_cluster").FirstOrDefault();
        var steps = (cluster?.Values?["step"]?.AsArray() ?? []).Select(step =>
        {
            var jar = step?["hadoop_jar_step"] is System.Text.Json.Nodes.JsonArray list ? list.FirstOrDefault() : step?["hadoop_jar_step"];
            var args = (jar?["args"]?.AsArray() ?? []).Select(a => a!.ToString()).ToArray();
            var name = (string?)step?["name"] ?? "?";
            return new DataFlowStep(name, (string?)step?["action_on_failure"] ?? "?", args,
                args.SelectMany(a => S3Uri.Matches(a).Select(m => m.Value)).Distinct().ToArray(),
                PipelineSteps.Named(name));
        }).ToArray();
        return new DataFlow(nodes, target, steps);
    }

    private static readonly System.Text.RegularExpressions.Regex S3Uri = new(@"s3://[^\s'""`;)]+");

    private static string Describe(TerraformPlan plan, string bucketAddress) =>
        plan.Find(bucketAddress) is { } bucket ? $"{PipelineParts.Of(bucket).Title} ({BucketName(bucket)})" : bucketAddress;

    /// <summary>The bucket's name, or its prefix and a note when AWS names it at apply.</summary>
    public static string BucketName(PlanResource bucket) =>
        (string?)bucket.Values?["bucket"] is { } name ? name
        : (string?)bucket.Values?["bucket_prefix"] is { } prefix ? $"{prefix}… (named at apply)"
        : "(named at apply)";
}
