namespace MnistEmr.Stacks.Tests;

/// <summary>The S3 nodes and their guards, on the synthesized JSON.</summary>
[TestFixture]
public class StorageTests
{
    /// <summary>
    /// Logical id of each bucket construct, and the title of the pipeline node it is: one per bucket node of the
    /// contract's catalogue, whose names the job's tests pin (PipelineContractTests).
    /// </summary>
    public static readonly (string Id, string Node)[] Buckets =
        PipelineNodes.Buckets.Select(n => (LogicalIds.Of([n.ConstructId]), n.Title)).ToArray();

    private static IEnumerable<string> BucketIds => Buckets.Select(b => b.Id);

    /// <summary>The log bucket's logical id: AWS delivers access and flow logs into it.</summary>
    public static readonly string LogBucketId = LogicalIds.Of([PipelineNodes.Logs.ConstructId]);

    /// <summary>Every bucket but the log bucket: those a KMS key encrypts and whose requests are logged.</summary>
    public static IEnumerable<string> LoggedBucketIds => BucketIds.Where(b => b != LogBucketId);

    private static SynthesizedStack Stack => Configs.DefaultSynth;

    private static string BucketRef(string bucket, string attribute) =>
        SynthesizedStack.Ref("aws_s3_bucket", $"{bucket}_bucket", attribute);

    [Test]
    public void Stack_Default_HasExactlyThePipelineBuckets()
    {
        Assert.That(Stack.Resources("aws_s3_bucket").Keys, Is.EquivalentTo(BucketIds.Select(b => $"{b}_bucket")));
    }

    [TestCaseSource(nameof(Buckets))]
    public void Bucket_Default_NamedFromPrefixAndTaggedWithItsNode((string Id, string Node) bucket)
    {
        var resource = Stack.Resource("aws_s3_bucket", $"{bucket.Id}_bucket");
        Assert.That((string?)resource["bucket_prefix"], Is.EqualTo($"mnist-emr-{bucket.Id.Replace('_', '-')}-"));
        Assert.That((string?)resource["tags"]?["PipelineNode"], Is.EqualTo(bucket.Node));
    }

    [Test]
    public void Bucket_OfANodeThatIsNoBucket_IsRefused()
    {
        var scope = new HashiCorp.Cdktf.TerraformStack(new HashiCorp.Cdktf.App(), "refused");
        var error = Assert.Throws<ArgumentException>(() => _ = new DataBucket(scope, new DataBucketProps
        {
            PipelineNode = PipelineNodes.Network, NamePrefix = "x", Encryption = new BucketEncryption(null),
        }));
        Assert.That(error!.Message, Does.Contain("Network is no bucket node"));
    }

    [TestCaseSource(nameof(BucketIds))]
    public void Bucket_Default_BlocksAllPublicAccess(string bucket)
    {
        var block = Stack.Resource("aws_s3_bucket_public_access_block", $"{bucket}_public_access_block");
        Assert.That((string?)block["bucket"], Is.EqualTo(BucketRef(bucket, "id")));
        foreach (var flag in new[] { "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets" })
            Assert.That((bool?)block[flag], Is.True, flag);
    }

    [TestCaseSource(nameof(BucketIds))]
    public void Bucket_Default_EnforcesOwnerObjectOwnership(string bucket)
    {
        var controls = Stack.Resource("aws_s3_bucket_ownership_controls", $"{bucket}_ownership");
        Assert.That((string?)controls["bucket"], Is.EqualTo(BucketRef(bucket, "id")));
        Assert.That((string?)controls["rule"]?["object_ownership"], Is.EqualTo("BucketOwnerEnforced"));
    }

    [TestCaseSource(nameof(BucketIds))]
    public void Bucket_NoKmsKey_EncryptsWithSseS3(string bucket)
    {
        var rule = EncryptionRule(Configs.KeylessSynth, bucket);
        Assert.That((string?)rule["apply_server_side_encryption_by_default"]?["sse_algorithm"], Is.EqualTo("AES256"));
        Assert.That(rule["apply_server_side_encryption_by_default"]?["kms_master_key_id"], Is.Null);
    }

    [TestCaseSource(nameof(LoggedBucketIds))]
    public void Bucket_Default_EncryptsWithTheStacksOwnKeyAndABucketKey(string bucket)
    {
        var rule = EncryptionRule(Stack, bucket);
        Assert.That((string?)rule["apply_server_side_encryption_by_default"]?["sse_algorithm"], Is.EqualTo("aws:kms"));
        Assert.That((string?)rule["apply_server_side_encryption_by_default"]?["kms_master_key_id"], Is.EqualTo(Configs.CreatedKeyArn));
        Assert.That((bool?)rule["bucket_key_enabled"], Is.True);
        var logs = EncryptionRule(Stack, "emr_logs");
        Assert.That((string?)logs["apply_server_side_encryption_by_default"]?["sse_algorithm"], Is.EqualTo("AES256"), "access logs need SSE-S3");
    }

    [TestCaseSource(nameof(LoggedBucketIds))]
    public void Bucket_KmsKeyConfigured_EncryptsWithThatKey(string bucket)
    {
        var rule = EncryptionRule(Configs.GivenKeySynth, bucket);
        Assert.That((string?)rule["apply_server_side_encryption_by_default"]?["sse_algorithm"], Is.EqualTo("aws:kms"));
        Assert.That((string?)rule["apply_server_side_encryption_by_default"]?["kms_master_key_id"], Is.EqualTo(Configs.KmsKeyArn));
        Assert.That((bool?)rule["bucket_key_enabled"], Is.True);
    }

    [TestCaseSource(nameof(LoggedBucketIds))]
    public void Bucket_KmsKeyCreated_EncryptsWithTheStacksOwnKey(string bucket)
    {
        var rule = EncryptionRule(Configs.FullSynth, bucket);
        Assert.That((string?)rule["apply_server_side_encryption_by_default"]?["sse_algorithm"], Is.EqualTo("aws:kms"));
        Assert.That((string?)rule["apply_server_side_encryption_by_default"]?["kms_master_key_id"], Is.EqualTo(Configs.CreatedKeyArn));
    }

    [Test]
    public void LogBucket_AnyKey_StaysSseS3BecauseAccessLoggingDeliversOnlyThere()
    {
        foreach (var stack in new[] { Configs.GivenKeySynth, Configs.FullSynth })
        {
            var rule = EncryptionRule(stack, LogBucketId);
            Assert.That((string?)rule["apply_server_side_encryption_by_default"]?["sse_algorithm"], Is.EqualTo("AES256"));
            Assert.That(rule["apply_server_side_encryption_by_default"]?["kms_master_key_id"], Is.Null);
        }
    }

    [TestCaseSource(nameof(BucketIds))]
    public void Bucket_Default_PolicyDeniesRequestsWithoutTls(string bucket)
    {
        var policy = Stack.Resource("aws_s3_bucket_policy", $"{bucket}_policy");
        var tlsOnly = SynthesizedStack.Ref("data.aws_iam_policy_document", $"{bucket}_tls_only", "json");
        if (bucket == LogBucketId)
        {
            // The log bucket's policy adds the log deliveries over the same TLS-only document.
            Assert.That((string?)policy["policy"], Is.EqualTo(SynthesizedStack.Ref("data.aws_iam_policy_document", $"{bucket}_log_delivery", "json")));
            Assert.That(Strings(Stack.DataSource("aws_iam_policy_document", $"{bucket}_log_delivery")["source_policy_documents"]), Is.EqualTo(new[] { tlsOnly }));
        }
        else
        {
            Assert.That((string?)policy["policy"], Is.EqualTo(tlsOnly));
        }

        var statements = Stack.DataSource("aws_iam_policy_document", $"{bucket}_tls_only")["statement"]!.AsArray();
        var insecure = statements.Single(s => (string?)s!["sid"] == "DenyInsecureTransport")!;
        Assert.That((string?)insecure["effect"], Is.EqualTo("Deny"));
        Assert.That(Strings(insecure["actions"]), Is.EqualTo(new[] { "s3:*" }));
        Assert.That(Strings(insecure["resources"]), Is.EquivalentTo(new[] { BucketRef(bucket, "arn"), BucketRef(bucket, "arn") + "/*" }));
        Assert.That(Strings(insecure["principals"]![0]!["identifiers"]), Is.EqualTo(new[] { "*" }));
        var condition = insecure["condition"]![0]!;
        Assert.That((string?)condition["test"], Is.EqualTo("Bool"));
        Assert.That((string?)condition["variable"], Is.EqualTo("aws:SecureTransport"));
        Assert.That(Strings(condition["values"]), Is.EqualTo(new[] { "false" }));

        var oldTls = statements.Single(s => (string?)s!["sid"] == "DenyOutdatedTls")!["condition"]![0]!;
        Assert.That((string?)oldTls["variable"], Is.EqualTo("s3:TlsVersion"));
        Assert.That((string?)oldTls["test"], Is.EqualTo("NumericLessThan"));
        Assert.That(Strings(oldTls["values"]), Is.EqualTo(new[] { "1.2" }));
    }

    [TestCase("s3_3_report")]
    [TestCase("s3_4_model")]
    [TestCase("job_artifacts")]
    public void Bucket_ReportModelAndArtifacts_AreVersioned(string bucket)
    {
        var versioning = Stack.Resource("aws_s3_bucket_versioning", $"{bucket}_versioning");
        Assert.That((string?)versioning["bucket"], Is.EqualTo(BucketRef(bucket, "id")));
        Assert.That((string?)versioning["versioning_configuration"]?["status"], Is.EqualTo("Enabled"));
    }

    [TestCaseSource(nameof(BucketIds))]
    public void Bucket_Default_AbortsIncompleteMultipartUploadsForEveryObject(string bucket)
    {
        var rules = Stack.Resource("aws_s3_bucket_lifecycle_configuration", $"{bucket}_lifecycle")["rule"]!.AsArray();
        var abort = rules.Single(r => (string?)r!["id"] == "abort-incomplete-multipart-uploads")!;
        Assert.That((string?)abort["status"], Is.EqualTo("Enabled"));
        Assert.That((int?)abort["abort_incomplete_multipart_upload"]![0]!["days_after_initiation"], Is.EqualTo(7));
        Assert.That((string?)abort["filter"]![0]!["prefix"], Is.EqualTo(""), "a rule without a filter draws a provider warning");
    }

    [Test]
    public void Bucket_Versioned_ExpiresNoncurrentVersionsAfterVersioningIsOn()
    {
        var lifecycle = Stack.Resource("aws_s3_bucket_lifecycle_configuration", "s3_4_model_lifecycle");
        var noncurrent = lifecycle["rule"]!.AsArray().Single(r => (string?)r!["id"] == "expire-noncurrent-versions")!;
        Assert.That((int?)noncurrent["noncurrent_version_expiration"]![0]!["noncurrent_days"], Is.EqualTo(90));
        Assert.That(Strings(lifecycle["depends_on"]), Does.Contain("aws_s3_bucket_versioning.s3_4_model_versioning"));
    }

    [TestCaseSource(nameof(BucketIds))]
    public void Bucket_Default_IsNotForceDestroyed(string bucket)
    {
        Assert.That((bool?)Stack.Resource("aws_s3_bucket", $"{bucket}_bucket")["force_destroy"], Is.False);
    }

    [TestCaseSource(nameof(BucketIds))]
    public void Bucket_ForceDestroyConfigured_IsForceDestroyed(string bucket)
    {
        Assert.That((bool?)Configs.FullSynth.Resource("aws_s3_bucket", $"{bucket}_bucket")["force_destroy"], Is.True);
    }

    private static JsonNode EncryptionRule(SynthesizedStack stack, string bucket)
    {
        var encryption = stack.Resource("aws_s3_bucket_server_side_encryption_configuration", $"{bucket}_encryption");
        Assert.That((string?)encryption["bucket"], Is.EqualTo(BucketRef(bucket, "id")));
        return encryption["rule"]!.AsArray().Single()!;
    }

    internal static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToArray();
}
