using static MnistEmr.Stacks.Tests.StorageTests;

namespace MnistEmr.Stacks.Tests;

/// <summary>
/// The real Terraform and AWS provider 5.100.0 judge the synthesized stacks: <c>validate</c> with no error and no
/// warning, and an offline <c>plan</c> whose JSON is what a reviewer reads.
/// </summary>
[TestFixture]
[Category("Terraform")]
public class TerraformTests
{
    internal static readonly Lazy<(TerraformWorkspace Workspace, PlanDocument Plan)> DefaultRun = new(() => Run(Configs.DefaultSynth, "us-east-1"));
    internal static readonly Lazy<(TerraformWorkspace Workspace, PlanDocument Plan)> FullRun = new(() => Run(Configs.FullSynth, "eu-west-1"));

    private static PlanDocument Plan => DefaultRun.Value.Plan;

    private static (TerraformWorkspace, PlanDocument) Run(SynthesizedStack stack, string region)
    {
        var workspace = TerraformWorkspace.Init(stack, region);
        return (workspace, new PlanDocument(workspace.Plan()));
    }

    [SetUp]
    public void RequireTerraform() => TerraformCli.RequireOrSkip();

    [Test]
    public void Validate_DefaultStack_NoErrorAndNoWarning() => AssertValid(DefaultRun.Value.Workspace.Validate());

    [Test]
    public void Validate_EveryOptionOnWithAStep_NoErrorAndNoWarning() => AssertValid(FullRun.Value.Workspace.Validate());

    [Test]
    public void Plan_DefaultStack_CreatesEveryResourceAndNothingElse()
    {
        var changes = Plan.Changes.ToArray();
        Assert.That(changes.Select(c => c.Actions), Has.All.EqualTo(new[] { "create" }));
        var synthesized = Configs.DefaultSynth.Document["resource"]!.AsObject()
            .SelectMany(type => type.Value!.AsObject().Select(r => $"{type.Key}.{r.Key}"));
        Assert.That(changes.Select(c => c.Address), Is.EquivalentTo(synthesized));
    }

    [Test]
    public void Plan_EveryOptionOn_AlsoCreatesTheJobObjectsAndTheSshRule()
    {
        var addresses = FullRun.Value.Plan.Changes.Select(c => c.Address).ToArray();
        Assert.That(addresses, Does.Contain("aws_s3_object.job_artifact_package")
            .And.Contain("aws_s3_object.job_artifact_bootstrap_script")
            .And.Contain("aws_vpc_security_group_ingress_rule.emr_security_groups_primary_ssh"));
        var ssh = FullRun.Value.Plan.Planned("aws_vpc_security_group_ingress_rule.emr_security_groups_primary_ssh");
        Assert.That((string?)ssh["cidr_ipv4"], Is.EqualTo("203.0.113.0/24"));
    }

    [TestCaseSource(typeof(StorageTests), nameof(Buckets))]
    public void Plan_EveryBucket_PublicAccessBlockedEncryptedAndKeptOnDestroy((string Id, string Node) bucket)
    {
        var block = Plan.Planned($"aws_s3_bucket_public_access_block.{bucket.Id}_public_access_block");
        foreach (var flag in new[] { "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets" })
            Assert.That((bool?)block[flag], Is.True, flag);
        var rule = Plan.Planned($"aws_s3_bucket_server_side_encryption_configuration.{bucket.Id}_encryption")["rule"]![0]!;
        // The stack's own key by default, with bucket keys; the log bucket stays SSE-S3, which access logging needs.
        var logs = bucket.Id == "emr_logs";
        Assert.That((string?)rule["apply_server_side_encryption_by_default"]![0]!["sse_algorithm"], Is.EqualTo(logs ? "AES256" : "aws:kms"));
        Assert.That((bool?)rule["bucket_key_enabled"], Is.EqualTo(!logs));
        Assert.That((string?)Plan.Planned($"aws_s3_bucket_ownership_controls.{bucket.Id}_ownership")["rule"]![0]!["object_ownership"], Is.EqualTo("BucketOwnerEnforced"));
        Assert.That((bool?)Plan.Planned($"aws_s3_bucket.{bucket.Id}_bucket")["force_destroy"], Is.False);
        Assert.That((string?)Plan.Planned($"aws_s3_bucket.{bucket.Id}_bucket")["bucket_prefix"], Does.StartWith("mnist-emr-"));
    }

    [TestCaseSource(typeof(StorageTests), nameof(Buckets))]
    public void Plan_EveryBucket_LifecycleAbortsIncompleteUploads((string Id, string Node) bucket)
    {
        var rules = Plan.Planned($"aws_s3_bucket_lifecycle_configuration.{bucket.Id}_lifecycle")["rule"]!.AsArray();
        var abort = rules.Single(r => (string?)r!["id"] == "abort-incomplete-multipart-uploads")!;
        Assert.That((int?)abort["abort_incomplete_multipart_upload"]![0]!["days_after_initiation"], Is.EqualTo(7));
    }

    [TestCase("s3_3_report")]
    [TestCase("s3_4_model")]
    public void Plan_ReportAndModel_VersioningEnabled(string bucket)
    {
        var versioning = Plan.Planned($"aws_s3_bucket_versioning.{bucket}_versioning");
        Assert.That((string?)versioning["versioning_configuration"]![0]!["status"], Is.EqualTo("Enabled"));
    }

    [Test]
    public void Plan_EmrSubnet_RoutesThroughTheInternetGateway()
    {
        var cluster = Plan.Expressions("aws_emr_cluster.emr_cluster");
        Assert.That(PlanDocument.References(cluster["ec2_attributes"]![0]!["subnet_id"]), Does.Contain("aws_subnet.network_public_subnet"));

        var association = Plan.Expressions("aws_route_table_association.network_public_subnet_routes");
        Assert.That(PlanDocument.References(association["subnet_id"]), Does.Contain("aws_subnet.network_public_subnet"));
        Assert.That(PlanDocument.References(association["route_table_id"]), Does.Contain("aws_route_table.network_public_route_table"));

        var route = Plan.Expressions("aws_route.network_internet_route");
        Assert.That(PlanDocument.References(route["route_table_id"]), Does.Contain("aws_route_table.network_public_route_table"));
        Assert.That(PlanDocument.References(route["gateway_id"]), Does.Contain("aws_internet_gateway.network_internet_gateway"));
        Assert.That((string?)Plan.Planned("aws_route.network_internet_route")["destination_cidr_block"], Is.EqualTo("0.0.0.0/0"));

        var gateway = Plan.Expressions("aws_internet_gateway.network_internet_gateway");
        Assert.That(PlanDocument.References(gateway["vpc_id"]), Does.Contain("aws_vpc.network_vpc"));
        Assert.That((bool?)Plan.Planned("aws_subnet.network_public_subnet")["map_public_ip_on_launch"], Is.True);
        Assert.That((bool?)Plan.Planned("aws_vpc.network_vpc")["enable_dns_hostnames"], Is.True);
    }

    [Test]
    public void Plan_InstanceProfilePolicy_NamesExactlyThePipelineBuckets()
    {
        var statements = Plan.Expressions("data.aws_iam_policy_document.emr_roles_bucket_access")["statement"]!.AsArray();
        var referenced = statements.SelectMany(s => PlanDocument.References(s!["resources"]))
            .Where(r => r.StartsWith("aws_s3_bucket.", StringComparison.Ordinal) && r.Split('.').Length == 2)
            .Distinct();
        Assert.That(referenced, Is.EquivalentTo(Buckets.Select(b => $"aws_s3_bucket.{b.Id}_bucket")));
        var role = Plan.Expressions("aws_iam_role_policy.emr_roles_ec2_bucket_access");
        Assert.That(PlanDocument.References(role["policy"]), Does.Contain("data.aws_iam_policy_document.emr_roles_bucket_access"));
    }

    [Test]
    public void Plan_Cluster_HardenedSettingsAsPlanned()
    {
        var cluster = Plan.Planned("aws_emr_cluster.emr_cluster");
        Assert.That((string?)cluster["release_label"], Is.EqualTo("emr-7.13.0"));
        Assert.That(cluster["applications"]!.AsArray().Select(a => (string)a!), Is.EqualTo(new[] { "Spark" }));
        Assert.That((int?)cluster["auto_termination_policy"]![0]!["idle_timeout"], Is.EqualTo(3600));
        Assert.That((bool?)cluster["termination_protection"], Is.False);
        Assert.That(Plan.IsUnknown("aws_emr_cluster.emr_cluster", "log_uri"), Is.True, "the log bucket's name is AWS's to complete");
        Assert.That(PlanDocument.References(Plan.Expressions("aws_emr_cluster.emr_cluster")["log_uri"]), Does.Contain("aws_s3_bucket.emr_logs_bucket"));
    }

    [Test]
    public void Plan_SecurityGroups_RevokeRulesOnDeleteAndNoIngress()
    {
        foreach (var role in new[] { "primary", "core" })
            Assert.That((bool?)Plan.Planned($"aws_security_group.emr_security_groups_{role}")["revoke_rules_on_delete"], Is.True, role);
        Assert.That(Plan.Changes.Select(c => c.Address), Has.None.StartsWith("aws_vpc_security_group_ingress_rule."));
        Assert.That(Plan.Changes.Select(c => c.Address), Has.None.StartsWith("aws_security_group_rule."));
    }

    [Test]
    public void Plan_SecurityConfiguration_EncryptsLocalDisksAndEbsWithTheStacksKeyKnownAtPlanTime()
    {
        // Known at plan time (the key's alias ARN, not its ARN), so the plan shows the whole document.
        var document = JsonNode.Parse((string)Plan.Planned("aws_emr_security_configuration.emr_security_configuration_configuration")["configuration"]!)!;
        var atRest = document["EncryptionConfiguration"]!["AtRestEncryptionConfiguration"]!;
        Assert.That((bool?)document["EncryptionConfiguration"]!["EnableAtRestEncryption"], Is.True);
        const string alias = $"arn:aws:kms:us-east-1:{TerraformWorkspace.PlaceholderAccount}:alias/mnist-emr-pipeline";
        Assert.That((string?)atRest["LocalDiskEncryptionConfiguration"]!["AwsKmsKey"], Is.EqualTo(alias));
        Assert.That((string?)atRest["LocalDiskEncryptionConfiguration"]!["EncryptionKeyProviderType"], Is.EqualTo("AwsKms"));
        Assert.That((bool?)atRest["LocalDiskEncryptionConfiguration"]!["EnableEbsEncryption"], Is.True);
        Assert.That(((string?)atRest["S3EncryptionConfiguration"]!["EncryptionMode"], (string?)atRest["S3EncryptionConfiguration"]!["AwsKmsKey"]),
            Is.EqualTo(("SSE-KMS", alias)));
    }

    [Test]
    public void Plan_ServiceRoleWithoutAccountSetting_TrustsOnlyThisAccountsEmrFromTheAccountVariable()
    {
        // No accountId setting: the account comes from aws_caller_identity, or (as in this offline plan) account_id.
        var trust = JsonNode.Parse((string)Plan.Planned("aws_iam_role.emr_roles_service_role")["assume_role_policy"]!)!;
        var condition = trust["Statement"]![0]!["Condition"]!;
        Assert.That((string?)condition["StringEquals"]!["aws:SourceAccount"], Is.EqualTo(TerraformWorkspace.PlaceholderAccount));
        Assert.That((string?)condition["ArnLike"]!["aws:SourceArn"], Is.EqualTo($"arn:aws:elasticmapreduce:us-east-1:{TerraformWorkspace.PlaceholderAccount}:*"));
    }

    [Test]
    public void Plan_ServiceRole_HasTheV2ManagedPolicy()
    {
        Assert.That((string?)Plan.Planned("aws_iam_role_policy_attachment.emr_roles_service_policy")["policy_arn"],
            Is.EqualTo("arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2"));
    }

    [Test]
    public void Plan_Cluster_DependsOnTheUploadsPoliciesAndBucketGuards()
    {
        // Terraform's own reading of the configuration: the plan records each resource's depends_on.
        var cluster = FullRun.Value.Plan.Json["configuration"]!["root_module"]!["resources"]!.AsArray()
            .Single(r => (string?)r!["address"] == "aws_emr_cluster.emr_cluster")!;
        var dependsOn = cluster["depends_on"]!.AsArray().Select(d => (string)d!).ToArray();
        Assert.That(dependsOn, Is.SupersetOf(new[]
        {
            "aws_s3_object.job_artifact_package",
            "aws_s3_object.job_artifact_bootstrap_script",
            "aws_iam_role_policy_attachment.emr_roles_service_policy",
            "aws_iam_role_policy.emr_roles_ec2_bucket_access",
            "aws_s3_bucket_policy.s3_2_format_a_policy",
            "aws_s3_bucket_server_side_encryption_configuration.s3_4_model_encryption",
        }));
    }

    private static void AssertValid(JsonNode result)
    {
        Assert.That((bool?)result["valid"], Is.True, result.ToJsonString());
        Assert.That((int?)result["error_count"], Is.Zero, result.ToJsonString());
        Assert.That((int?)result["warning_count"], Is.Zero, result.ToJsonString());
    }
}
