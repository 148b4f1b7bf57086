using System.Text.Json.Nodes;
using MnistEmr.Contract;

namespace MnistEmr.Review.Core;

/// <summary>
/// The checkov rules a careful team leaves unmet in this pipeline, found in the plan where each would fire, with the
/// reason. A rule the plan meets (a KMS key configured, say) is no exception and is not listed.
/// </summary>
internal static class ScannerExceptions
{
    /// <summary>The exceptions a plan calls for.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="logTargets">The buckets AWS delivers logs into (<see cref="SecurityReview.LogTargets"/>).</param>
    public static IReadOnlyList<ScannerException> Of(TerraformPlan plan, IReadOnlySet<string> logTargets)
    {
        var found = new List<ScannerException>();
        foreach (var subnet in Live(plan, "aws_subnet").Where(s => (bool?)s.Values?["map_public_ip_on_launch"] == true))
            found.Add(new("CKV_AWS_130", subnet.Address,
                "public subnet by design: the nodes reach AWS APIs and package mirrors through their public addresses, without a NAT "
                + "gateway's hourly cost; no security group admits traffic from outside unless allowedIngressCidr names one network"));

        foreach (var bucket in Live(plan, "aws_s3_bucket"))
        {
            var part = PipelineParts.Of(bucket);
            found.Add(new("CKV_AWS_144", bucket.Address,
                "single-region pipeline: everything it stores is made again from the public MNIST files by a new run, so a "
                + "replica in a second region would double the storage and protect nothing that cannot be rebuilt"));
            found.Add(new("CKV2_AWS_62", bucket.Address,
                "no consumer of S3 events: the steps run one after another on the cluster and nothing reacts to new objects"));
            if (!plan.OfType("aws_s3_bucket_versioning").Any(v => v.ReferencesAt("bucket").Contains(bucket.Address)))
                found.Add(new("CKV_AWS_21", bucket.Address, UnversionedReason(part)));
            if (logTargets.Contains(bucket.Address))
                found.Add(new("CKV_AWS_18", bucket.Address,
                    "the log bucket itself: logging it into itself loops, as the S3 User Guide warns, and into another bucket only moves the question"));
            if (Algorithm(plan, bucket) == "AES256")
                found.Add(new("CKV_AWS_145", bucket.Address, logTargets.Contains(bucket.Address)
                    ? "S3 server access logging delivers only to a bucket whose default encryption is SSE-S3 (S3 User Guide, "
                      + "\"Enabling Amazon S3 server access logging\"); its logs hold no pipeline data"
                    : NoKey));
        }

        // A configuration known only after apply (it names a key this plan creates) says nothing here: no exception.
        foreach (var configuration in Live(plan, "aws_emr_security_configuration").Where(c => !c.IsUnknown("configuration")))
        {
            var document = (string?)configuration.Values?["configuration"] is { } text ? JsonNode.Parse(text) : null;
            var encryption = document?["EncryptionConfiguration"];
            var atRest = encryption?["AtRestEncryptionConfiguration"];
            if ((string?)atRest?["S3EncryptionConfiguration"]?["EncryptionMode"] is not ("SSE-KMS" or "CSE-KMS"))
                found.Add(new("CKV_AWS_171", configuration.Address, NoKey));
            if (atRest?["LocalDiskEncryptionConfiguration"] is null)
                found.Add(new("CKV_AWS_349", configuration.Address, NoKey));
            if ((bool?)atRest?["LocalDiskEncryptionConfiguration"]?["EnableEbsEncryption"] != true)
                found.Add(new("CKV_AWS_350", configuration.Address, NoKey));
            if ((bool?)encryption?["EnableInTransitEncryption"] != true)
                found.Add(new("CKV_AWS_351", configuration.Address,
                    "in-transit encryption needs TLS certificates (a PEM zip in S3 or a custom provider) the stack would have to issue "
                    + "and rotate; the nodes talk only to each other inside their own VPC with no ingress, and EMRFS uses TLS to S3 regardless"));
        }
        return found;
    }

    private const string NoKey = "SSE-S3 because no KMS key is configured (no key to manage or pay for); kmsKey: create, or kmsKeyArn, meets this rule";

    private static string UnversionedReason(PipelineNode part) => part switch
    {
        _ when part == PipelineNodes.Source => "the raw MNIST files: the data loader downloads and checks them again whenever they are missing",
        _ when part == PipelineNodes.FormatA => "FORMAT A is rewritten from S3|1 by every run; old versions would only multiply its many small objects",
        _ when part == PipelineNodes.Logs => "logs: each object is written once by AWS or EMR and never overwritten",
        _ => $"{part.Title}: not versioned by this stack's design",
    };

    private static IEnumerable<PlanResource> Live(TerraformPlan plan, string type) => plan.OfType(type).Where(r => r.Action != ChangeAction.Delete);

    private static string? Algorithm(TerraformPlan plan, PlanResource bucket)
    {
        var encryption = plan.OfType("aws_s3_bucket_server_side_encryption_configuration").FirstOrDefault(e => e.ReferencesAt("bucket").Contains(bucket.Address));
        var rule = encryption?.Values?["rule"] is JsonArray rules ? rules.FirstOrDefault() : null;
        var byDefault = rule?["apply_server_side_encryption_by_default"] is JsonArray d ? d.FirstOrDefault() : null;
        return (string?)byDefault?["sse_algorithm"];
    }
}
