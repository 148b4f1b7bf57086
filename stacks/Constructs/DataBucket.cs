namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// One S3 node of the pipeline, hardened: public access blocked, owner-enforced object ownership,
/// server-side encryption, TLS-only access, versioning and expiry as its node asks, and cleanup of unfinished uploads.
/// </summary>
public sealed class DataBucket : Construct
{
    /// <summary>
    /// Creates the bucket of <see cref="DataBucketProps.PipelineNode"/> and its guards. The construct's id is the node's
    /// <see cref="PipelineNode.ConstructId"/>, so its logical ids are the ones the review reads the node from.
    /// </summary>
    /// <exception cref="ArgumentException">The node is no bucket.</exception>
    public DataBucket(Construct scope, DataBucketProps props) : base(scope, BucketNode(props).ConstructId)
    {
        PipelineNode = props.PipelineNode;
        Bucket = new S3Bucket(this, "bucket", new S3BucketConfig
        {
            BucketPrefix = $"{props.NamePrefix}-{props.PipelineNode.ConstructId}-",
            ForceDestroy = props.ForceDestroy,
            Tags = new Dictionary<string, string> { ["PipelineNode"] = props.PipelineNode.Title },
        });

        var publicAccess = new S3BucketPublicAccessBlock(this, "public-access-block", new S3BucketPublicAccessBlockConfig
        {
            Bucket = Bucket.Id,
            BlockPublicAcls = true,
            BlockPublicPolicy = true,
            IgnorePublicAcls = true,
            RestrictPublicBuckets = true,
        });

        // ACLs disabled: the bucket owner owns every object, whoever wrote it.
        var ownership = new S3BucketOwnershipControls(this, "ownership", new S3BucketOwnershipControlsConfig
        {
            Bucket = Bucket.Id,
            Rule = new S3BucketOwnershipControlsRule { ObjectOwnership = "BucketOwnerEnforced" },
        });

        var encryption = new S3BucketServerSideEncryptionConfigurationA(this, "encryption", new S3BucketServerSideEncryptionConfigurationAConfig
        {
            Bucket = Bucket.Id,
            Rule = new[]
            {
                new S3BucketServerSideEncryptionConfigurationRuleA
                {
                    ApplyServerSideEncryptionByDefault = new S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA
                    {
                        SseAlgorithm = props.Encryption.Algorithm,
                        KmsMasterKeyId = props.Encryption.KmsKeyArn,
                    },
                    // One data key per bucket instead of per object: far fewer KMS requests for FORMAT A's many small files.
                    BucketKeyEnabled = props.Encryption.KmsKeyArn is not null,
                },
            },
        });

        tlsOnly = TlsOnlyPolicy();
        Policy = new S3BucketPolicy(this, "policy", new S3BucketPolicyConfig
        {
            Bucket = Bucket.Id,
            Policy = tlsOnly.Json,
            // S3 rejects a bucket policy while the public access block is being written.
            DependsOn = [publicAccess],
        });

        S3BucketVersioningA? versioning = null;
        if (props.PipelineNode.Versioned)
        {
            versioning = new S3BucketVersioningA(this, "versioning", new S3BucketVersioningAConfig
            {
                Bucket = Bucket.Id,
                VersioningConfiguration = new S3BucketVersioningVersioningConfiguration { Status = "Enabled" },
            });
        }

        new S3BucketLifecycleConfiguration(this, "lifecycle", new S3BucketLifecycleConfigurationConfig
        {
            Bucket = Bucket.Id,
            Rule = LifecycleRules(props).ToArray(),
            // Rules about noncurrent versions apply only once versioning is on.
            DependsOn = versioning is null ? null : [versioning],
        });

        guards = versioning is null ? [publicAccess, ownership, encryption, Policy] : [publicAccess, ownership, encryption, Policy, versioning];
    }

    private readonly List<ITerraformDependable> guards;
    private readonly DataAwsIamPolicyDocument tlsOnly;
    private bool policyExtended;

    /// <summary>
    /// The bucket's guards (public access block, ownership, encryption, TLS-only policy, versioning): Terraform may
    /// create them after the bucket, so whatever writes to the bucket waits for them, or its first objects could
    /// land unversioned or under the bucket's defaults.
    /// </summary>
    public IReadOnlyList<ITerraformDependable> Guards => guards;

    /// <summary>The bucket policy (TLS only, and whatever <see cref="AllowInPolicy"/> added).</summary>
    public S3BucketPolicy Policy { get; }

    /// <summary>
    /// Adds statements to the bucket policy beside its TLS-only denials (once per bucket): the policy becomes a
    /// document of these statements over the TLS-only document (<c>source_policy_documents</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The policy was extended already.</exception>
    public void AllowInPolicy(string id, DataAwsIamPolicyDocumentStatement[] statements)
    {
        if (policyExtended)
            throw new InvalidOperationException($"the policy of {PipelineNode.Title} is extended once, with every statement it needs");
        policyExtended = true;
        Policy.Policy = new DataAwsIamPolicyDocument(this, id, new DataAwsIamPolicyDocumentConfig
        {
            SourcePolicyDocuments = [tlsOnly.Json],
            Statement = statements,
        }).Json;
    }

    /// <summary>
    /// Logs every request to this bucket into <paramref name="target"/> under <paramref name="prefix"/> (S3 server
    /// access logging); a guard, so the first objects written are logged too. The target's policy must allow
    /// <c>logging.s3.amazonaws.com</c> (see <see cref="LogDelivery"/>).
    /// </summary>
    public S3BucketLoggingA LogAccessTo(DataBucket target, string prefix)
    {
        var logging = new S3BucketLoggingA(this, "access-logging", new S3BucketLoggingAConfig
        {
            Bucket = Bucket.Id,
            TargetBucket = target.Bucket.Id,
            TargetPrefix = prefix,
        });
        guards.Add(logging);
        return logging;
    }

    /// <summary>The pipeline node this bucket is.</summary>
    public PipelineNode PipelineNode { get; }

    /// <summary>The bucket resource.</summary>
    public S3Bucket Bucket { get; }

    /// <summary>The bucket's name (known after apply, since AWS completes the prefix).</summary>
    public string BucketName => Bucket.Bucket;

    /// <summary>The bucket's ARN.</summary>
    public string BucketArn => Bucket.Arn;

    /// <summary>An <c>s3://</c> URI of a key prefix in this bucket.</summary>
    public string Uri(string prefix = "") => $"s3://{BucketName}/{prefix}";

    /// <summary>
    /// Where the pipeline keeps its objects in this bucket: the <c>s3://</c> URI of the node's
    /// <see cref="PipelineNode.KeyPrefix"/>, or of the bucket's root when the node has none.
    /// </summary>
    public string DataUri => Uri(PipelineNode.KeyPrefix ?? "");

    // Checked before the construct joins its scope, so a refused node leaves no half-made child behind.
    private static PipelineNode BucketNode(DataBucketProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        return props.PipelineNode.IsBucket ? props.PipelineNode : throw new ArgumentException($"{props.PipelineNode.Title} is no bucket node", nameof(props));
    }

    private DataAwsIamPolicyDocument TlsOnlyPolicy() => new(this, "tls-only", new DataAwsIamPolicyDocumentConfig
    {
        Statement = new[]
        {
            DenyAll("DenyInsecureTransport", "Bool", "aws:SecureTransport", "false"),
            // TLS 1.0 and 1.1 have known weaknesses; S3 accepts them unless a policy refuses.
            DenyAll("DenyOutdatedTls", "NumericLessThan", "s3:TlsVersion", "1.2"),
        },
    });

    private DataAwsIamPolicyDocumentStatement DenyAll(string sid, string test, string variable, string value) => new()
    {
        Sid = sid,
        Effect = "Deny",
        Actions = ["s3:*"],
        Resources = [BucketArn, $"{BucketArn}/*"],
        Principals = new[] { new DataAwsIamPolicyDocumentStatementPrincipals { Type = "*", Identifiers = ["*"] } },
        Condition = new[] { new DataAwsIamPolicyDocumentStatementCondition { Test = test, Variable = variable, Values = [value] } },
    };

    private static IEnumerable<S3BucketLifecycleConfigurationRule> LifecycleRules(DataBucketProps props)
    {
        // An empty filter selects every object; the provider warns when a rule has none.
        var everyObject = new[] { new S3BucketLifecycleConfigurationRuleFilter { Prefix = "" } };
        yield return new S3BucketLifecycleConfigurationRule
        {
            Id = "abort-incomplete-multipart-uploads",
            Status = "Enabled",
            Filter = everyObject,
            AbortIncompleteMultipartUpload = new[]
            {
                new S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = props.AbortIncompleteUploadsAfterDays },
            },
        };
        if (props.PipelineNode.Versioned)
        {
            yield return new S3BucketLifecycleConfigurationRule
            {
                Id = "expire-noncurrent-versions",
                Status = "Enabled",
                Filter = everyObject,
                NoncurrentVersionExpiration = new[]
                {
                    new S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration { NoncurrentDays = props.NoncurrentVersionsExpireAfterDays },
                },
            };
        }
        if (props.PipelineNode.ExpireObjectsAfterDays is { } days)
        {
            yield return new S3BucketLifecycleConfigurationRule
            {
                Id = "expire-objects",
                Status = "Enabled",
                Filter = everyObject,
                Expiration = new[] { new S3BucketLifecycleConfigurationRuleExpiration { Days = days } },
            };
        }
    }
}
