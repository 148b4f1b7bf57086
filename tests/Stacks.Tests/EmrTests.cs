using static MnistEmr.Stacks.Tests.StorageTests;

namespace MnistEmr.Stacks.Tests;

/// <summary>The EMR cluster, its identities, firewall and security configuration.</summary>
[TestFixture]
public class EmrTests
{
    private static SynthesizedStack Stack => Configs.DefaultSynth;

    private static JsonObject Cluster(SynthesizedStack stack) => stack.Resource("aws_emr_cluster", "emr_cluster");

    /// <summary>The one statement of the trust policy of the EMR role <paramref name="role"/> ("service" or "ec2").</summary>
    private static JsonNode Trust(SynthesizedStack stack, string role) =>
        stack.DataSource("aws_iam_policy_document", $"emr_roles_{role}_trust")["statement"]![0]!;

    [Test]
    public void ServiceRole_Default_TrustedByEmrWithTheV2ManagedPolicy()
    {
        var role = Stack.Resource("aws_iam_role", "emr_roles_service_role");
        Assert.That((string?)role["assume_role_policy"], Is.EqualTo(SynthesizedStack.Ref("data.aws_iam_policy_document", "emr_roles_service_trust", "json")));
        var trust = Trust(Stack, "service");
        Assert.That(Strings(trust["principals"]![0]!["identifiers"]), Is.EqualTo(new[] { "elasticmapreduce.amazonaws.com" }));

        var attachment = Stack.Resource("aws_iam_role_policy_attachment", "emr_roles_service_policy");
        Assert.That((string?)attachment["policy_arn"],
            Is.EqualTo("arn:${data.aws_partition.emr_roles_partition.partition}:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2"),
            "the partition from the provider's region, not a literal arn:aws:");
        Assert.That((string?)attachment["role"], Is.EqualTo(SynthesizedStack.Ref("aws_iam_role", "emr_roles_service_role", "name")));
    }

    [Test]
    public void ServiceRoleTrust_WithAccount_CarriesTheConfusedDeputyConditions()
    {
        var trust = Trust(Configs.FullSynth, "service");
        var conditions = trust["condition"]!.AsArray().ToDictionary(c => (string)c!["variable"]!, c => ((string)c!["test"]!, Strings(c["values"])));
        Assert.That(conditions.Keys, Is.EquivalentTo(new[] { "aws:SourceAccount", "aws:SourceArn" }));
        Assert.That(conditions["aws:SourceAccount"], Is.EqualTo(("StringEquals", new[] { Configs.AccountId })));
        Assert.That(conditions["aws:SourceArn"],
            Is.EqualTo(("ArnLike", new[] { $"arn:${{data.aws_partition.emr_roles_partition.partition}}:elasticmapreduce:eu-west-1:{Configs.AccountId}:*" })));
    }

    [Test]
    public void ServiceRoleTrust_WithoutAccount_ConditionsNameTheAccountReadAtPlanTimeAndTheEc2RoleNeverHasOne()
    {
        var conditions = Trust(Stack, "service")["condition"]!.AsArray()
            .Select(c => ((string)c!["test"]!, (string)c["variable"]!, Strings(c["values"]).Single())).ToArray();
        Assert.That(conditions, Is.EqualTo(new[]
        {
            ("StringEquals", "aws:SourceAccount", Configs.ResolvedAccount),
            ("ArnLike", "aws:SourceArn", $"arn:${{data.aws_partition.emr_roles_partition.partition}}:elasticmapreduce:us-east-1:{Configs.ResolvedAccount}:*"),
        }));
        // The account: the variable when set, else the caller identity, which is then read (count 1) and only then.
        Assert.That((string?)Stack.Document["locals"]!["account_resolved"], Is.EqualTo("${coalesce(var.account_id, one(data.aws_caller_identity.account_caller[*].account_id))}"));
        Assert.That((string?)Stack.DataSource("aws_caller_identity", "account_caller")["count"], Is.EqualTo("${var.account_id == \"\" ? 1 : 0}"));
        Assert.That((string?)Stack.Document["variable"]!["account_id"]!["default"], Is.EqualTo(""));
        Assert.That(Configs.FullSynth.Document["variable"], Is.Null, "the accountId setting gives the account: no variable, no caller identity");
        Assert.That(Configs.FullSynth.Document["data"]!["aws_caller_identity"], Is.Null);
        // EC2 passes no source ARN or account when the nodes assume their role: a condition there would lock them out.
        Assert.That(Trust(Configs.FullSynth, "ec2")["condition"], Is.Null);
    }

    [Test]
    public void ServiceRole_Default_MayPassOnlyTheEc2RoleToEc2()
    {
        var statement = Stack.DataSource("aws_iam_policy_document", "emr_roles_pass_ec2_role")["statement"]!.AsArray().Single()!;
        Assert.That(Strings(statement["actions"]), Is.EqualTo(new[] { "iam:PassRole" }));
        Assert.That(Strings(statement["resources"]), Is.EqualTo(new[] { SynthesizedStack.Ref("aws_iam_role", "emr_roles_ec2_role", "arn") }));
    }

    [Test]
    public void EmrPolicyTag_Default_OnEveryResourceEmrMustUse()
    {
        Assert.That((string?)Stack.Resource("aws_vpc", "network_vpc")["tags"]?[EmrManagedPolicyTag.Key], Is.EqualTo("true"));
        Assert.That((string?)Stack.Resource("aws_subnet", "network_public_subnet")["tags"]?[EmrManagedPolicyTag.Key], Is.EqualTo("true"));
        foreach (var (name, group) in Stack.Resources("aws_security_group"))
            Assert.That((string?)group["tags"]?[EmrManagedPolicyTag.Key], Is.EqualTo("true"), name);
        Assert.That((string?)Cluster(Stack)["tags"]?[EmrManagedPolicyTag.Key], Is.EqualTo("true"));
    }

    [Test]
    public void InstanceProfile_Default_CarriesTheEc2RoleTrustedByEc2()
    {
        var profile = Stack.Resource("aws_iam_instance_profile", "emr_roles_instance_profile");
        Assert.That((string?)profile["role"], Is.EqualTo(SynthesizedStack.Ref("aws_iam_role", "emr_roles_ec2_role", "name")));
        var trust = Trust(Stack, "ec2");
        Assert.That(Strings(trust["principals"]![0]!["identifiers"]), Is.EqualTo(new[] { "ec2.amazonaws.com" }));
    }

    [Test]
    public void InstanceProfile_Default_S3RightsNameExactlyThePipelineBuckets()
    {
        var policy = Stack.Resource("aws_iam_role_policy", "emr_roles_ec2_bucket_access");
        Assert.That((string?)policy["role"], Is.EqualTo(SynthesizedStack.Ref("aws_iam_role", "emr_roles_ec2_role", "id")));
        // The S3 statements (the KMS key-user ones name the key alone: InstanceProfile_KmsKeyConfigured_MayUseOnlyThatKey).
        var statements = Stack.DataSource("aws_iam_policy_document", "emr_roles_bucket_access")["statement"]!.AsArray()
            .Where(s => Strings(s!["actions"]).All(a => a.StartsWith("s3:", StringComparison.Ordinal))).ToArray();

        var buckets = Buckets.Select(b => SynthesizedStack.Ref("aws_s3_bucket", $"{b.Id}_bucket", "arn")).ToArray();
        var resources = statements.SelectMany(s => Strings(s!["resources"])).ToArray();
        Assert.That(resources.Where(r => !r.EndsWith("/*", StringComparison.Ordinal)), Is.EquivalentTo(buckets));
        Assert.That(resources.Where(r => r.EndsWith("/*", StringComparison.Ordinal)), Is.EquivalentTo(buckets.Select(b => b + "/*")));
        Assert.That(resources, Has.None.EqualTo("*").And.None.StartsWith("arn:"), "no wildcard or literal bucket beyond the pipeline's");
        var keyless = Configs.KeylessSynth.DataSource("aws_iam_policy_document", "emr_roles_bucket_access")["statement"]!.AsArray();
        Assert.That(keyless.SelectMany(s => Strings(s!["actions"])), Has.All.StartsWith("s3:"), "no rights beyond S3 without a KMS key");
    }

    [TestCase("s3_1_source", new[] { "s3:GetObject", "s3:GetObjectVersion" })]
    [TestCase("job_artifacts", new[] { "s3:GetObject", "s3:GetObjectVersion" })]
    [TestCase("emr_logs", new[] { "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts" })]
    [TestCase("s3_2_format_a", new[] { "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts" })]
    [TestCase("s3_4_model", new[] { "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts" })]
    [TestCase("s3_3_report", new[] { "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts" })]
    public void InstanceProfile_Default_ObjectActionsPerBucketAreLeastPrivilege(string bucket, string[] expected)
    {
        var objects = SynthesizedStack.Ref("aws_s3_bucket", $"{bucket}_bucket", "arn") + "/*";
        var actions = Stack.DataSource("aws_iam_policy_document", "emr_roles_bucket_access")["statement"]!.AsArray()
            .Where(s => Strings(s!["resources"]).Contains(objects))
            .SelectMany(s => Strings(s!["actions"]));
        Assert.That(actions, Is.EquivalentTo(expected));
    }

    [Test]
    public void BucketGrant_ForSteps_FollowsWhatTheStepsDeclare()
    {
        var stack = Stack.Stack;
        Assert.That(BucketGrant.ForSteps(stack.Source).Access, Is.EqualTo(BucketAccess.Read), "no step writes S3|1");
        Assert.That(new[] { stack.FormatA, stack.Model, stack.Report }.Select(b => BucketGrant.ForSteps(b).Access), Is.All.EqualTo(BucketAccess.ReadWrite));
        var error = Assert.Throws<ArgumentException>(() => BucketGrant.ForSteps(stack.Logs));
        Assert.That(error!.Message, Does.Contain("no step reads or writes EMR logs"));
    }

    [Test]
    public void InstanceProfile_KmsKeyConfigured_MayUseOnlyThatKey()
    {
        var statements = Configs.GivenKeySynth.DataSource("aws_iam_policy_document", "emr_roles_bucket_access")["statement"]!.AsArray();
        var kms = statements.Single(s => (string?)s!["sid"] == "UseKmsKey")!;
        Assert.That(Strings(kms["resources"]), Is.EqualTo(new[] { Configs.KmsKeyArn }));
        Assert.That(Strings(kms["actions"]), Has.All.StartsWith("kms:"));
    }

    // The KMS key-user rights the EMR Management Guide asks of the instance profile's role (EMRFS, local disks) and of
    // the service role (EBS volumes), exactly: use of the key, and grants only for AWS resources; on the key alone.
    private static readonly (string Sid, string[] Actions, string? Condition)[] KeyUserRights =
    [
        ("UseKmsKey", ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], null),
        ("GrantKmsKeyToAwsResources", ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], "Bool kms:GrantIsForAWSResource true"),
    ];

    private static (string Sid, string[] Actions, string? Condition)[] KmsStatements(SynthesizedStack stack, string document, string key)
    {
        var statements = stack.DataSource("aws_iam_policy_document", document)["statement"]!.AsArray()
            .Where(s => Strings(s!["actions"]).Any(a => a.StartsWith("kms:", StringComparison.Ordinal))).ToArray();
        foreach (var statement in statements)
            Assert.That(Strings(statement!["resources"]), Is.EqualTo(new[] { key }), $"{document}: the key alone");
        return statements.Select(s => ((string)s!["sid"]!, Strings(s["actions"]),
            s["condition"] is JsonArray c ? string.Join(";", c.Select(x => $"{x!["test"]} {x["variable"]} {string.Join(",", Strings(x["values"]))}")) : null)).ToArray();
    }

    [TestCase("emr_roles_bucket_access")]
    [TestCase("emr_roles_service_key_use")]
    public void Roles_GivenKey_HaveExactlyTheDocumentedKeyUserRights(string document)
    {
        var statements = KmsStatements(Configs.GivenKeySynth, document, Configs.KmsKeyArn);
        Assert.That(statements.Select(s => (s.Sid, string.Join(" ", s.Actions), s.Condition)),
            Is.EqualTo(KeyUserRights.Select(s => (s.Sid, string.Join(" ", s.Actions), s.Condition))));
    }

    [TestCase("emr_roles_bucket_access")]
    [TestCase("emr_roles_service_key_use")]
    public void Roles_CreatedKey_HaveTheSameRightsOnTheStacksOwnKey(string document) =>
        Assert.That(KmsStatements(Configs.FullSynth, document, Configs.CreatedKeyArn).Select(s => s.Sid), Is.EqualTo(KeyUserRights.Select(s => s.Sid)));

    [Test]
    public void Roles_NoKey_NoKmsRightAtAll()
    {
        // The roles' documents; the notification topic's key policy (its own key) has KMS actions of its own.
        var roleDocuments = Configs.KeylessSynth.DataSources("aws_iam_policy_document").Where(d => d.Key.StartsWith("emr_roles_", StringComparison.Ordinal)).ToArray();
        Assert.That(roleDocuments, Is.Not.Empty);
        Assert.That(roleDocuments.Select(d => d.Value.ToJsonString()), Has.None.Contain("\"kms:"));
        Assert.That(Configs.KeylessSynth.Document["resource"]!["aws_iam_role_policy"]!.AsObject().Select(p => p.Key),
            Is.EquivalentTo(new[] { "emr_roles_ec2_bucket_access", "emr_roles_service_pass_ec2_role" }));
    }

    [Test]
    public void CreatedKey_RotatesAndLeavesItsUseToTheAccountsIamPolicies()
    {
        var key = Configs.FullSynth.Resource("aws_kms_key", "kms_key");
        Assert.That((bool?)key["enable_key_rotation"], Is.True);
        Assert.That((int?)key["deletion_window_in_days"], Is.EqualTo(30));
        Assert.That((string?)key["policy"], Is.EqualTo(SynthesizedStack.Ref("data.aws_iam_policy_document", "kms_policy", "json")));
        var statement = Configs.FullSynth.DataSource("aws_iam_policy_document", "kms_policy")["statement"]!.AsArray().Single()!;
        Assert.That(Strings(statement["principals"]![0]!["identifiers"]),
            Is.EqualTo(new[] { $"arn:${{data.aws_partition.kms_partition.partition}}:iam::{Configs.AccountId}:root" }));
        Assert.That((string?)Configs.FullSynth.Resource("aws_kms_alias", "kms_alias")["name"], Is.EqualTo("alias/team-mnist-pipeline"));
        Assert.That(Stack.Resources("aws_kms_key").Keys, Is.EquivalentTo(new[] { "kms_key", "notifications_key" }), "the key by default, beside the notification topic's own");
        Assert.That(Configs.KeylessSynth.Resources("aws_kms_key").Keys, Is.EqualTo(new[] { "notifications_key" }), "no pipeline key with kmsKey: none");
        Assert.That(Configs.GivenKeySynth.Resources("aws_kms_key").Keys, Is.EqualTo(new[] { "notifications_key" }), "no second pipeline key beside a given one");
    }

    [Test]
    public void SecurityGroups_Default_RevokeRulesOnDeleteAndAllowEgress()
    {
        foreach (var role in new[] { "primary", "core" })
        {
            var group = Stack.Resource("aws_security_group", $"emr_security_groups_{role}");
            Assert.That((bool?)group["revoke_rules_on_delete"], Is.True, role);
            Assert.That((string?)group["vpc_id"], Is.EqualTo(SynthesizedStack.Ref("aws_vpc", "network_vpc", "id")));
            var egress = Stack.Resource("aws_vpc_security_group_egress_rule", $"emr_security_groups_{role}_egress");
            Assert.That((string?)egress["security_group_id"], Is.EqualTo(SynthesizedStack.Ref("aws_security_group", $"emr_security_groups_{role}", "id")));
        }
    }

    [Test]
    public void SecurityConfiguration_NoKey_EncryptsAtRestWithSseS3AndRequiresImdsV2()
    {
        var document = SecurityConfiguration(Configs.KeylessSynth);
        var encryption = document["EncryptionConfiguration"]!;
        Assert.That((bool?)encryption["EnableAtRestEncryption"], Is.True);
        Assert.That((string?)encryption["AtRestEncryptionConfiguration"]!["S3EncryptionConfiguration"]!["EncryptionMode"], Is.EqualTo("SSE-S3"));
        Assert.That((int?)document["InstanceMetadataServiceConfiguration"]!["MinimumInstanceMetadataServiceVersion"], Is.EqualTo(2));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void SecurityConfiguration_KmsKeyConfigured_EncryptsS3AndLocalDisksWithIt(bool created)
    {
        // The stack's own key by its alias ARN, known at plan time; a given key as given.
        var (stack, key) = created
            ? (Configs.FullSynth, $"arn:${{data.aws_partition.kms_partition.partition}}:kms:eu-west-1:{Configs.AccountId}:${{aws_kms_alias.kms_alias.name}}")
            : (Configs.GivenKeySynth, Configs.KmsKeyArn);
        var atRest = SecurityConfiguration(stack)["EncryptionConfiguration"]!["AtRestEncryptionConfiguration"]!;
        Assert.That((string?)atRest["S3EncryptionConfiguration"]!["EncryptionMode"], Is.EqualTo("SSE-KMS"));
        Assert.That((string?)atRest["S3EncryptionConfiguration"]!["AwsKmsKey"], Is.EqualTo(key));
        Assert.That((string?)atRest["LocalDiskEncryptionConfiguration"]!["EncryptionKeyProviderType"], Is.EqualTo("AwsKms"));
        Assert.That((string?)atRest["LocalDiskEncryptionConfiguration"]!["AwsKmsKey"], Is.EqualTo(key));
        Assert.That((bool?)atRest["LocalDiskEncryptionConfiguration"]!["EnableEbsEncryption"], Is.True);
    }

    [Test]
    public void Cluster_Default_UsesTheRolesGroupsSubnetAndSecurityConfiguration()
    {
        var cluster = Cluster(Stack);
        Assert.That((string?)cluster["service_role"], Is.EqualTo(SynthesizedStack.Ref("aws_iam_role", "emr_roles_service_role", "arn")));
        Assert.That((string?)cluster["security_configuration"], Is.EqualTo(SynthesizedStack.Ref("aws_emr_security_configuration", "emr_security_configuration_configuration", "name")));
        var ec2 = cluster["ec2_attributes"]!;
        Assert.That((string?)ec2["subnet_id"], Is.EqualTo(SynthesizedStack.Ref("aws_subnet", "network_public_subnet", "id")));
        Assert.That((string?)ec2["instance_profile"], Is.EqualTo(SynthesizedStack.Ref("aws_iam_instance_profile", "emr_roles_instance_profile", "arn")));
        Assert.That((string?)ec2["emr_managed_master_security_group"], Is.EqualTo(SynthesizedStack.Ref("aws_security_group", "emr_security_groups_primary", "id")));
        Assert.That((string?)ec2["emr_managed_slave_security_group"], Is.EqualTo(SynthesizedStack.Ref("aws_security_group", "emr_security_groups_core", "id")));
    }

    [Test]
    public void Cluster_Default_DependsOnTheRouteOutAndTheDataLoader()
    {
        Assert.That(Strings(Cluster(Stack)["depends_on"]), Is.SupersetOf(new[]
        {
            "aws_route.network_internet_route",
            "aws_route_table_association.network_public_subnet_routes",
            "terraform_data.data_loader_run",
        }));
    }

    [Test]
    public void AnyStack_NoArnLiteralOfOnePartition()
    {
        foreach (var stack in new[] { Stack, Configs.FullSynth, Configs.GivenKeySynth })
        {
            var json = stack.Json;
            // KMS key ARNs are the user's own input (kmsKeyArn) and carry their partition already.
            Assert.That(json.Replace(Configs.KmsKeyArn, "", StringComparison.Ordinal), Does.Not.Contain("arn:aws:"));
        }
    }

    [TestCase("arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2", true)]
    [TestCase("arn:aws-us-gov:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2", true)]
    [TestCase("arn:aws-cn:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2", true)]
    [TestCase("arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceRole", false)]
    [TestCase("arn:aws:iam::123456789012:policy/service-role/AmazonEMRServicePolicy_v2", false)]
    [TestCase(null, false)]
    public void IsServicePolicyArn_AnyPartition_OnlyTheManagedV2Policy(string? arn, bool expected) =>
        Assert.That(EmrRoles.IsServicePolicyArn(arn), Is.EqualTo(expected));

    [Test]
    public void Cluster_Default_WaitsForTheRolesRightsAndEveryBucketsGuards()
    {
        var dependsOn = Strings(Cluster(Stack)["depends_on"]);
        Assert.That(dependsOn, Is.SupersetOf(new[]
        {
            "aws_iam_role_policy_attachment.emr_roles_service_policy",
            "aws_iam_role_policy.emr_roles_service_pass_ec2_role",
            "aws_iam_role_policy.emr_roles_ec2_bucket_access",
            "aws_iam_instance_profile.emr_roles_instance_profile",
        }));
        foreach (var bucket in new[] { "s3_1_source", "s3_2_format_a", "s3_4_model", "s3_3_report", "emr_logs", "job_artifacts" })
        {
            Assert.That(dependsOn, Is.SupersetOf(new[]
            {
                $"aws_s3_bucket_policy.{bucket}_policy",
                $"aws_s3_bucket_server_side_encryption_configuration.{bucket}_encryption",
                $"aws_s3_bucket_public_access_block.{bucket}_public_access_block",
                $"aws_s3_bucket_ownership_controls.{bucket}_ownership",
            }), bucket);
        }

        Assert.That(dependsOn, Does.Contain("aws_s3_bucket_versioning.s3_4_model_versioning"));
    }

    [Test]
    public void Cluster_WithAKey_AlsoWaitsForTheServiceRolesKeyRights()
    {
        // EMR creates the encrypted EBS volumes as the service role at start: without its key rights the nodes fail.
        Assert.That(Strings(Cluster(Configs.FullSynth)["depends_on"]), Does.Contain("aws_iam_role_policy.emr_roles_service_kms_key"));
        Assert.That(Strings(Cluster(Configs.GivenKeySynth)["depends_on"]), Does.Contain("aws_iam_role_policy.emr_roles_service_kms_key"));
    }

    [Test]
    public void Cluster_Default_SparkOnACurrentReleaseLoggingToTheLogBucket()
    {
        var cluster = Cluster(Stack);
        Assert.That((string?)cluster["release_label"], Is.EqualTo("emr-7.13.0"));
        Assert.That(Strings(cluster["applications"]), Is.EqualTo(new[] { "Spark" }));
        Assert.That((string?)cluster["log_uri"], Is.EqualTo($"s3://{SynthesizedStack.Ref("aws_s3_bucket", "emr_logs_bucket", "bucket")}/emr/"));
    }

    [Test]
    public void Cluster_Default_TerminatesAfterAnHourIdle()
    {
        Assert.That((int?)Cluster(Stack)["auto_termination_policy"]!["idle_timeout"], Is.EqualTo(3600));
        Assert.That((int?)Cluster(Configs.FullSynth)["auto_termination_policy"]!["idle_timeout"], Is.EqualTo(1800));
    }

    [Test]
    public void Cluster_Default_IsTransient_EndingAfterItsLastStep()
    {
        Assert.That((bool?)Cluster(Stack)["keep_job_flow_alive_when_no_steps"], Is.False);
    }

    [Test]
    public void Cluster_Persistent_WaitsForMoreStepsUntilTheIdleTimeout()
    {
        var persistent = SynthesizedStack.Of(Configs.Default with { ClusterLifecycle = MnistEmr.Stacks.Configuration.ClusterLifecycle.Persistent });
        Assert.That((bool?)Cluster(persistent)["keep_job_flow_alive_when_no_steps"], Is.True);
    }

    [Test]
    public void Cluster_Default_OnDemandInstanceGroups()
    {
        var cluster = Cluster(Stack);
        Assert.That((string?)cluster["master_instance_group"]!["instance_type"], Is.EqualTo("m5.xlarge"));
        Assert.That((int?)cluster["core_instance_group"]!["instance_count"], Is.EqualTo(2));
        Assert.That(cluster["core_instance_group"]!["bid_price"], Is.Null);
    }

    [Test]
    public void Cluster_SpotConfigured_CoreNodesBidTheMaxPrice()
    {
        var core = Cluster(Configs.FullSynth)["core_instance_group"]!;
        Assert.That((string?)core["bid_price"], Is.EqualTo("0.25"));
        Assert.That((int?)core["instance_count"], Is.EqualTo(3));
    }

    [Test]
    public void Cluster_NoJobPackage_HasNoBootstrapActionOrSteps()
    {
        Assert.That(Cluster(Stack)["bootstrap_action"]!.AsArray(), Is.Empty);
        Assert.That(Cluster(Stack)["step"]!.AsArray(), Is.Empty);
    }

    // The document as the stack writes it, ${jsonencode({...})}, read back as JSON: its keys are quoted and its values
    // hold no " = ", so turning HCL's " = " into ": " is enough.
    private static JsonNode SecurityConfiguration(SynthesizedStack stack)
    {
        var expression = (string)stack.Resource("aws_emr_security_configuration", "emr_security_configuration_configuration")["configuration"]!;
        Assert.That(expression, Does.StartWith("${jsonencode({").And.EndWith("})}"));
        return JsonNode.Parse(expression["${jsonencode(".Length..^2].Replace("\" = ", "\": ", StringComparison.Ordinal))!;
    }
}
