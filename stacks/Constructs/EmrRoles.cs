namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// The two identities of an EMR cluster: the service role EMR acts as (the managed v2 policy), and the
/// role of its EC2 nodes, whose S3 rights are exactly the granted buckets.
/// </summary>
public sealed class EmrRoles : Construct
{
    /// <summary>The managed service policy's name; v2 limits EMR to resources tagged with <see cref="EmrManagedPolicyTag"/>.</summary>
    public const string ServicePolicyName = "AmazonEMRServicePolicy_v2";

    /// <summary>The managed service policy, after <c>arn:&lt;partition&gt;:</c>.</summary>
    public const string ServicePolicyResource = "iam::aws:policy/service-role/" + ServicePolicyName;

    /// <summary>The managed service policy's ARN in <paramref name="partition"/> (<c>aws</c>, <c>aws-us-gov</c>, <c>aws-cn</c>).</summary>
    public static string ServicePolicyArn(string partition) => $"arn:{partition}:{ServicePolicyResource}";

    /// <summary>Whether <paramref name="arn"/> is the managed service policy, in any partition.</summary>
    public static bool IsServicePolicyArn(string? arn) =>
        arn is not null && arn.StartsWith("arn:", StringComparison.Ordinal) && arn.EndsWith(":" + ServicePolicyResource, StringComparison.Ordinal)
        && arn.Count(c => c == ':') == ServicePolicyResource.Count(c => c == ':') + 2;

    /// <summary>Creates the roles, their policies and the instance profile.</summary>
    public EmrRoles(Construct scope, string id, EmrRolesProps props) : base(scope, id)
    {
        // The partition comes from the provider's region without a call to AWS (the aws_partition data source),
        // so ARNs are right in GovCloud and China and the offline plan still resolves them.
        var partition = new DataAwsPartition(this, "partition").Partition;

        Ec2Role = new IamRole(this, "ec2-role", new IamRoleConfig
        {
            Name = $"{props.NamePrefix}-emr-ec2",
            Description = "EC2 nodes of the MNIST pipeline's EMR cluster",
            AssumeRolePolicy = TrustPolicy("ec2-trust", "ec2.amazonaws.com", []),
        });

        var bucketAccess = new IamRolePolicy(this, "ec2-bucket-access", new IamRolePolicyConfig
        {
            Name = "pipeline-buckets",
            Role = Ec2Role.Id,
            Policy = BucketAccessPolicy(props),
        });

        InstanceProfile = new IamInstanceProfile(this, "instance-profile", new IamInstanceProfileConfig
        {
            Name = $"{props.NamePrefix}-emr-ec2",
            Role = Ec2Role.Name,
        });

        ServiceRole = new IamRole(this, "service-role", new IamRoleConfig
        {
            Name = $"{props.NamePrefix}-emr-service",
            Description = "EMR service role of the MNIST pipeline",
            AssumeRolePolicy = TrustPolicy("service-trust", "elasticmapreduce.amazonaws.com", ConfusedDeputyConditions(partition, props.Region, props.AccountId)),
        });

        var servicePolicy = new IamRolePolicyAttachment(this, "service-policy", new IamRolePolicyAttachmentConfig
        {
            Role = ServiceRole.Name,
            PolicyArn = ServicePolicyArn(partition),
        });

        // The v2 policy lets EMR pass only a role named EMR_EC2_DefaultRole; this cluster's nodes use their own.
        var passRole = new IamRolePolicy(this, "service-pass-ec2-role", new IamRolePolicyConfig
        {
            Name = "pass-ec2-role",
            Role = ServiceRole.Id,
            Policy = PolicyDocument.Json(this, "pass-ec2-role", new DataAwsIamPolicyDocumentStatement
            {
                Sid = "PassEc2RoleToEc2",
                Actions = ["iam:PassRole"],
                Resources = [Ec2Role.Arn],
                Condition = new[]
                {
                    new DataAwsIamPolicyDocumentStatementCondition { Test = "StringLike", Variable = "iam:PassedToService", Values = ["ec2.amazonaws.com*"] },
                },
            }),
        });

        // EBS encryption by the security configuration: EMR creates and attaches the encrypted volumes as the service
        // role, so that role is a key user too ("Enabling EBS encryption by providing additional permissions for AWS
        // KMS keys", EMR Management Guide, emr-encryption-enable.html#emr-awskms-ebs-encryption).
        var serviceKey = props.KmsKeyArn is { } serviceKeyArn
            ? new IamRolePolicy(this, "service-kms-key", new IamRolePolicyConfig
            {
                Name = "kms-key-for-ebs",
                Role = ServiceRole.Id,
                Policy = PolicyDocument.Json(this, "service-key-use", KeyUserStatements(serviceKeyArn)),
            })
            : null;

        Policies = serviceKey is null
            ? [bucketAccess, servicePolicy, passRole, InstanceProfile]
            : [bucketAccess, servicePolicy, passRole, serviceKey, InstanceProfile];
    }

    /// <summary>
    /// The roles' policies and the instance profile. The cluster references only the roles, so without waiting for
    /// these Terraform may start it while EMR or the nodes still lack their rights: a failed start or a step that
    /// cannot read its bucket.
    /// </summary>
    public IReadOnlyList<ITerraformDependable> Policies { get; }

    /// <summary>The role EMR acts as.</summary>
    public IamRole ServiceRole { get; }

    /// <summary>The role of the cluster's EC2 nodes.</summary>
    public IamRole Ec2Role { get; }

    /// <summary>The instance profile that carries <see cref="Ec2Role"/>.</summary>
    public IamInstanceProfile InstanceProfile { get; }

    /// <summary>The condition key a trust policy names the account with (confused-deputy prevention).</summary>
    public const string SourceAccountKey = "aws:SourceAccount";

    /// <summary>The condition key a trust policy names the calling resource's ARN with (confused-deputy prevention).</summary>
    public const string SourceArnKey = "aws:SourceArn";

    /// <summary>
    /// The service role's <c>aws:SourceArn</c> pattern: any EMR resource of <paramref name="accountId"/> in
    /// <paramref name="region"/>, e.g. <c>arn:aws:elasticmapreduce:us-east-1:123456789012:*</c>.
    /// </summary>
    public static string EmrSourceArnPattern(string partition, string region, string accountId) =>
        $"arn:{partition}:elasticmapreduce:{region}:{accountId}:*";

    // The trust policy the EMR Management Guide gives for the service role ("Service role for Amazon EMR (EMR role)",
    // https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-iam-role.html): aws:SourceAccount equal to the account
    // and aws:SourceArn like arn:<partition>:elasticmapreduce:<region>:<account>:*, so that EMR working for another
    // account cannot be made to assume this role (the confused deputy). Always: the account is the setting's or the
    // deploying credentials' (DeployAccount).
    // The EMR Studio's service role, trusted by the same service, takes the same conditions (NotebookStudio).
    /// <summary>The conditions that let EMR assume a role only when it acts for <paramref name="accountId"/> in <paramref name="region"/>.</summary>
    public static DataAwsIamPolicyDocumentStatementCondition[] ConfusedDeputyConditions(string partition, string region, string accountId) =>
    [
        new() { Test = "StringEquals", Variable = SourceAccountKey, Values = [accountId] },
        new() { Test = "ArnLike", Variable = SourceArnKey, Values = [EmrSourceArnPattern(partition, region, accountId)] },
    ];

    private string TrustPolicy(string id, string service, DataAwsIamPolicyDocumentStatementCondition[] conditions) =>
        PolicyDocument.Json(this, id, new DataAwsIamPolicyDocumentStatement
        {
            Actions = ["sts:AssumeRole"],
            Principals = PolicyDocument.Service(service),
            Condition = conditions.Length == 0 ? null : conditions,
        });

    /// <summary>
    /// The rights of a KMS "key user", which the EMR Management Guide asks for both roles ("Using AWS KMS keys for
    /// encryption", emr-encryption-enable.html#emr-awskms-keys: the instance profile's role for EMRFS and local disks;
    /// #emr-awskms-ebs-encryption: the service role for EBS volumes). The KMS Developer Guide's key-user statements
    /// ("Allows key users to use the KMS key", key-policy-default.html#key-policy-default-allow-users): use of the key
    /// for cryptographic operations, and grants only for AWS resources (an EBS volume holds a grant on the key while
    /// attached). Scoped to this one key, nothing wider.
    /// </summary>
    private static DataAwsIamPolicyDocumentStatement[] KeyUserStatements(string keyArn) =>
    [
        new()
        {
            Sid = "UseKmsKey",
            Actions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            Resources = [keyArn],
        },
        new()
        {
            Sid = "GrantKmsKeyToAwsResources",
            Actions = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
            Resources = [keyArn],
            Condition = new[]
            {
                new DataAwsIamPolicyDocumentStatementCondition { Test = "Bool", Variable = "kms:GrantIsForAWSResource", Values = ["true"] },
            },
        },
    ];

    private string BucketAccessPolicy(EmrRolesProps props)
    {
        var statements = new List<DataAwsIamPolicyDocumentStatement>
        {
            new()
            {
                Sid = "ListPipelineBuckets",
                Actions = BucketGrant.BucketActions,
                Resources = props.Grants.Select(g => g.Bucket.BucketArn).ToArray(),
            },
        };
        // One statement per access level, so the policy reads as "these buckets: these actions".
        foreach (var level in props.Grants.GroupBy(g => g.Access))
        {
            statements.Add(new DataAwsIamPolicyDocumentStatement
            {
                Sid = $"{level.Key}Objects",
                Actions = level.First().ObjectActions,
                Resources = level.Select(g => $"{g.Bucket.BucketArn}/*").ToArray(),
            });
        }
        // EMRFS's SSE-KMS objects and, through the security configuration, the nodes' local disks (LUKS).
        if (props.KmsKeyArn is { } key)
            statements.AddRange(KeyUserStatements(key));
        return PolicyDocument.Json(this, "bucket-access", [.. statements]);
    }
}
