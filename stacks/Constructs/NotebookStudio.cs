namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// Notebooks on the data (<c>notebooks: studio</c>): an EMR Studio with IAM authentication in the cluster's VPC and
/// subnet, its service role, and the workspace and engine security groups EMR Studio requires, neither open to the
/// internet. Its workspaces keep their notebooks under the report bucket and attach to the (persistent) cluster,
/// which runs JupyterEnterpriseGateway and Livy for them (<see cref="ClusterApplications"/>).
/// </summary>
/// <remarks>
/// Requirements, each from the EMR Management Guide:
/// "EMR Studio features, requirements, and limits" (emr-studio-considerations.html): a workspace attaches to an EMR on
/// EC2 cluster in the Studio's VPC that runs Spark, Livy and Jupyter Enterprise Gateway;
/// "Define security groups to control EMR Studio network traffic" (emr-studio-security-groups.html): an engine group
/// that admits TCP 18888 from the workspace group only, a workspace group whose egress is TCP 18888 to the engine
/// group (and 443 for Git, not opened here: no Git repositories), both tagged
/// <c>for-use-with-amazon-emr-managed-policies</c> for the v2 policies;
/// "Create an EMR Studio service role" (emr-studio-service-role.html): the role EMR assumes for the Studio, trusted by
/// <c>elasticmapreduce.amazonaws.com</c> (with the account and source ARN conditions) and allowed the EC2 network
/// actions on tagged resources, EMR's cluster reads and S3 on the Studio's default location, which this stack narrows
/// from the guide's <c>arn:aws:s3:::*</c> to the notebooks' prefix, and the cluster reads from its <c>*</c> to this
/// account's clusters in the region.
/// Studio itself is free; the cluster it attaches to is what costs (Amazon EMR Pricing, "Amazon EMR Studio").
/// </remarks>
public sealed class NotebookStudio : Construct
{
    /// <summary>The applications a Studio workspace needs on its cluster, beside Spark.</summary>
    public static readonly IReadOnlyList<string> ClusterApplications = ["JupyterEnterpriseGateway", "Livy"];

    /// <summary>The port of the Jupyter Enterprise Gateway on the primary node, which workspaces reach.</summary>
    public const int GatewayPort = 18888;

    /// <summary>Creates the role, the groups and their rules, and the Studio.</summary>
    public NotebookStudio(Construct scope, string id, NotebookStudioProps props) : base(scope, id)
    {
        var partition = new DataAwsPartition(this, "partition").Partition;
        var vpcId = props.Network.Vpc.Id;

        Engine = new SecurityGroup(this, "engine", new SecurityGroupConfig
        {
            Name = $"{props.NamePrefix}-studio-engine",
            Description = "EMR Studio engine: admits the workspaces to the cluster's Jupyter Enterprise Gateway",
            VpcId = vpcId,
            RevokeRulesOnDelete = true,
            Tags = EmrManagedPolicyTag.WithName($"{props.NamePrefix}-studio-engine"),
        });
        Workspace = new SecurityGroup(this, "workspace", new SecurityGroupConfig
        {
            Name = $"{props.NamePrefix}-studio-workspace",
            Description = "EMR Studio workspace: reaches the engine group only",
            VpcId = vpcId,
            RevokeRulesOnDelete = true,
            Tags = EmrManagedPolicyTag.WithName($"{props.NamePrefix}-studio-workspace"),
        });
        new VpcSecurityGroupIngressRule(this, "engine-from-workspace", new VpcSecurityGroupIngressRuleConfig
        {
            SecurityGroupId = Engine.Id,
            Description = "Jupyter Enterprise Gateway from the Studio's workspaces",
            IpProtocol = "tcp",
            FromPort = GatewayPort,
            ToPort = GatewayPort,
            ReferencedSecurityGroupId = Workspace.Id,
        });
        new VpcSecurityGroupEgressRule(this, "workspace-to-engine", new VpcSecurityGroupEgressRuleConfig
        {
            SecurityGroupId = Workspace.Id,
            Description = "To the cluster's Jupyter Enterprise Gateway",
            IpProtocol = "tcp",
            FromPort = GatewayPort,
            ToPort = GatewayPort,
            ReferencedSecurityGroupId = Engine.Id,
        });

        ServiceRole = new IamRole(this, "service-role", new IamRoleConfig
        {
            Name = $"{props.NamePrefix}-emr-studio",
            Description = "EMR Studio service role of the MNIST pipeline",
            AssumeRolePolicy = PolicyDocument.Json(this, "trust", new DataAwsIamPolicyDocumentStatement
            {
                Actions = ["sts:AssumeRole"],
                Principals = PolicyDocument.Service("elasticmapreduce.amazonaws.com"),
                Condition = EmrRoles.ConfusedDeputyConditions(partition, props.Region, props.AccountId),
            }),
        });
        var policy = new IamRolePolicy(this, "service-policy", new IamRolePolicyConfig
        {
            Name = "emr-studio",
            Role = ServiceRole.Id,
            Policy = ServicePolicy(props, partition),
        });

        DefaultS3Location = props.NotebookBucket.Uri(props.NotebookPrefix);
        Studio = new EmrStudio(this, "studio", new EmrStudioConfig
        {
            Name = $"{props.NamePrefix}-notebooks",
            Description = "Notebooks on the MNIST pipeline's FORMAT A, model and report",
            AuthMode = "IAM",
            VpcId = vpcId,
            SubnetIds = [props.Network.Subnet.Id],
            ServiceRole = ServiceRole.Arn,
            EngineSecurityGroupId = Engine.Id,
            WorkspaceSecurityGroupId = Workspace.Id,
            DefaultS3Location = DefaultS3Location,
            Tags = new Dictionary<string, string> { [EmrManagedPolicyTag.Key] = EmrManagedPolicyTag.Value },
            // EMR checks the role's rights when it creates the Studio.
            DependsOn = [policy],
        });
    }

    /// <summary>The Studio.</summary>
    public EmrStudio Studio { get; }

    /// <summary>The Studio's service role.</summary>
    public IamRole ServiceRole { get; }

    /// <summary>The engine security group (EMR Studio attaches it to the cluster's primary node).</summary>
    public SecurityGroup Engine { get; }

    /// <summary>The workspace security group.</summary>
    public SecurityGroup Workspace { get; }

    /// <summary>Where the workspaces keep their notebooks: <c>s3://&lt;S3|3 bucket&gt;/notebooks/</c>.</summary>
    public string DefaultS3Location { get; }

    /// <summary>The Studio's URL (sign in with IAM).</summary>
    public string Url => Studio.Url;

    /// <summary>The Studio's id (es-…).</summary>
    public string StudioId => Studio.Id;

    // The guide's service role policy ("Create an EMR Studio service role", the policy for the v2 managed policies'
    // tags), without its Git (Secrets Manager) and collaboration statements, which this stack does not use.
    private string ServicePolicy(NotebookStudioProps props, string partition)
    {
        DataAwsIamPolicyDocumentStatementCondition Tagged(string kind) => new()
        {
            Test = "StringEquals", Variable = $"aws:{kind}Tag/{EmrManagedPolicyTag.Key}", Values = [EmrManagedPolicyTag.Value],
        };
        string Ec2(string resource) => $"arn:{partition}:ec2:*:*:{resource}";
        var statements = new List<DataAwsIamPolicyDocumentStatement>
        {
            // The guide writes "*"; each of the three takes the cluster resource type (Service Authorization Reference,
            // "Actions, resources, and condition keys for Amazon Elastic MapReduce", list_amazonelasticmapreduce.html), so
            // this account's clusters in the Studio's region are all it needs (checkov CKV_AWS_355/356 otherwise).
            new()
            {
                Sid = "EmrReadOnly", Actions = ["elasticmapreduce:ListInstances", "elasticmapreduce:DescribeCluster", "elasticmapreduce:ListSteps"],
                Resources = [$"arn:{partition}:elasticmapreduce:{props.Region}:{props.AccountId}:cluster/*"],
            },
            new()
            {
                Sid = "TaggedNetworkInterfaces", Actions = ["ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface"],
                Resources = [Ec2("network-interface/*")], Condition = new[] { Tagged("Resource") },
            },
            new()
            {
                Sid = "NetworkInterfaceAttributes", Actions = ["ec2:ModifyNetworkInterfaceAttribute"],
                Resources = [Ec2("instance/*"), Ec2("network-interface/*"), Ec2("security-group/*")],
            },
            new()
            {
                Sid = "TaggedSecurityGroupRules",
                Actions = ["ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteNetworkInterfacePermission"],
                Resources = ["*"], Condition = new[] { Tagged("Resource") },
            },
            new() { Sid = "CreateTaggedNetworkInterfaces", Actions = ["ec2:CreateNetworkInterface"], Resources = [Ec2("network-interface/*")], Condition = new[] { Tagged("Request") } },
            new()
            {
                Sid = "NetworkInterfacesInTaggedSubnetsAndGroups", Actions = ["ec2:CreateNetworkInterface"],
                Resources = [Ec2("subnet/*"), Ec2("security-group/*")], Condition = new[] { Tagged("Resource") },
            },
            new()
            {
                Sid = "TagNewNetworkInterfaces", Actions = ["ec2:CreateTags"], Resources = [Ec2("network-interface/*")],
                Condition = new[] { new DataAwsIamPolicyDocumentStatementCondition { Test = "StringEquals", Variable = "ec2:CreateAction", Values = ["CreateNetworkInterface"] } },
            },
            new()
            {
                Sid = "Ec2ReadOnly",
                Actions = ["ec2:DescribeSecurityGroups", "ec2:DescribeNetworkInterfaces", "ec2:DescribeTags", "ec2:DescribeInstances", "ec2:DescribeSubnets", "ec2:DescribeVpcs"],
                Resources = ["*"],
            },
            new() { Sid = "NotebookBucket", Actions = ["s3:ListBucket", "s3:GetEncryptionConfiguration"], Resources = [props.NotebookBucket.BucketArn] },
            new()
            {
                Sid = "Notebooks", Actions = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
                Resources = [$"{props.NotebookBucket.BucketArn}/{props.NotebookPrefix}*"],
            },
        };
        if (props.KmsKeyArn is { } key)
            statements.Add(new() { Sid = "NotebookKey", Actions = ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"], Resources = [key] });
        return PolicyDocument.Json(this, "service-policy-document", [.. statements]);
    }
}
