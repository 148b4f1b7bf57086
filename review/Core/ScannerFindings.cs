namespace MnistEmr.Review.Core;

/// <summary>
/// The scanner rules this stack is known to meet or leave unmet, judged by the review itself on the plan, each as
/// checkov's rule source decides it (bridgecrewio/checkov, <c>checkov/terraform/checks/</c>). Unlike a scanner reading
/// CDKTF's Terraform JSON, the review reads the JSON strings: the EMR security configuration's document, which
/// checkov reports as unknown when it is a string (CKV_AWS_349/350/351 evaluate only a parsed object).
/// </summary>
internal static class ScannerFindings
{
    /// <summary>Every finding of the plan's live resources; a security configuration known only after apply gives none.</summary>
    /// <param name="plan">The plan.</param>
    public static IReadOnlyList<ScannerFinding> Of(TerraformPlan plan)
    {
        var found = new List<ScannerFinding>();
        foreach (var subnet in Live(plan, "aws_subnet"))
        {
            // CKV_AWS_130 (SubnetPublicIP.py): fails when map_public_ip_on_launch is true.
            var mapped = (bool?)subnet.Values?["map_public_ip_on_launch"] == true;
            found.Add(new("CKV_AWS_130", subnet.Address, mapped, mapped ? "public addresses on launch" : "no public addresses on launch"));
        }

        foreach (var bucket in Live(plan, "aws_s3_bucket"))
        {
            // Graph checks pass on a "connection": a resource of the type that names the bucket in any attribute.
            bool Connected(string type, Func<PlanResource, bool>? holds = null) => plan.OfType(type).Any(r =>
                (r.ReferencesAt("bucket").Contains(bucket.Address) || r.ReferencesAt("target_bucket").Contains(bucket.Address)) && (holds?.Invoke(r) ?? true));

            // CKV_AWS_18 (S3BucketLogging.yaml): a connected aws_s3_bucket_logging, as the logged bucket or its target.
            var logged = Connected("aws_s3_bucket_logging");
            found.Add(new("CKV_AWS_18", bucket.Address, !logged, logged ? "an aws_s3_bucket_logging names it" : "no aws_s3_bucket_logging names it"));
            // CKV_AWS_21 (S3BucketVersioning.yaml): a connected aws_s3_bucket_versioning with status Enabled.
            var versioned = Connected("aws_s3_bucket_versioning", v => (string?)First(v.Values?["versioning_configuration"])?["status"] == "Enabled");
            found.Add(new("CKV_AWS_21", bucket.Address, !versioned, versioned ? "versioning enabled" : "no versioning"));
            // CKV_AWS_144 (S3BucketReplicationConfiguration.yaml) and CKV2_AWS_62 (S3BucketEventNotifications.yaml).
            var replicated = Connected("aws_s3_bucket_replication_configuration");
            found.Add(new("CKV_AWS_144", bucket.Address, !replicated, replicated ? "replicated" : "no cross-region replication"));
            var notified = Connected("aws_s3_bucket_notification");
            found.Add(new("CKV2_AWS_62", bucket.Address, !notified, notified ? "event notifications on" : "no event notifications"));
            // CKV_AWS_145 (S3KMSEncryptedByDefault.yaml): default encryption aws:kms.
            var algorithm = Algorithm(plan, bucket);
            found.Add(new("CKV_AWS_145", bucket.Address, algorithm != "aws:kms", $"default encryption {algorithm ?? "unset"}"));
        }

        foreach (var configuration in Live(plan, "aws_emr_security_configuration").Where(c => !c.IsUnknown("configuration")))
        {
            var text = (string?)configuration.Values?["configuration"] ?? "";
            var document = text.Length > 0 ? JsonNode.Parse(text) : null;
            var encryption = document?["EncryptionConfiguration"];
            var atRestOn = (bool?)encryption?["EnableAtRestEncryption"] == true;
            var localDisk = encryption?["AtRestEncryptionConfiguration"]?["LocalDiskEncryptionConfiguration"];
            // CKV_AWS_171 (EMRClusterIsEncryptedKMS.py): "SSE-KMS" anywhere in the configuration.
            var kms = text.Contains("SSE-KMS", StringComparison.Ordinal);
            found.Add(new("CKV_AWS_171", configuration.Address, !kms, kms ? "EMRFS writes SSE-KMS" : "EMRFS writes without SSE-KMS"));
            // CKV_AWS_349 (EMRClusterConfEncryptsLocalDisk.py): at-rest encryption on and a LocalDiskEncryptionConfiguration.
            var disks = atRestOn && localDisk is JsonObject { Count: > 0 };
            found.Add(new("CKV_AWS_349", configuration.Address, !disks,
                disks ? $"local disks encrypted ({(string?)localDisk!["EncryptionKeyProviderType"]})" : "local disks not encrypted"));
            // CKV_AWS_350 (EMRClusterConfEncryptsEBS.py): at-rest encryption on and EnableEbsEncryption truthy.
            var ebs = atRestOn && (bool?)localDisk?["EnableEbsEncryption"] == true;
            found.Add(new("CKV_AWS_350", configuration.Address, !ebs, ebs ? "EBS volumes encrypted" : "EBS volumes not encrypted"));
            // CKV_AWS_351 (EMRClusterConfEncryptsInTransit.py): EnableInTransitEncryption truthy.
            var transit = (bool?)encryption?["EnableInTransitEncryption"] == true;
            found.Add(new("CKV_AWS_351", configuration.Address, !transit, transit ? "in-transit encryption on" : "in-transit encryption off"));
        }

        // The IAM rules on policies, policy documents and roles (IamRules).
        found.AddRange(IamRules.Findings(plan));
        return found;
    }

    /// <summary>The default server-side encryption algorithm of a bucket, or null when it has none.</summary>
    public static string? Algorithm(TerraformPlan plan, PlanResource bucket)
    {
        var encryption = plan.OfType("aws_s3_bucket_server_side_encryption_configuration").FirstOrDefault(e => e.ReferencesAt("bucket").Contains(bucket.Address));
        return (string?)First(First(encryption?.Values?["rule"])?["apply_server_side_encryption_by_default"])?["sse_algorithm"];
    }

    private static IEnumerable<PlanResource> Live(TerraformPlan plan, string type) => plan.OfType(type).Where(r => r.Action != ChangeAction.Delete);

    private static JsonNode? First(JsonNode? node) => node is JsonArray array ? array.FirstOrDefault() : node;
}
