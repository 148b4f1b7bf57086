namespace MnistEmr.Stacks.Tests;

/// <summary>
/// The real Terraform and AWS provider judge the monitoring parts: the default stack plans its rule, topic and
/// dashboard, and notifyEmail and notebooks: studio each plan exactly their own resources on top.
/// </summary>
[TestFixture]
[Category("Terraform")]
public class MonitoringTerraformTests
{
    private static readonly Lazy<(TerraformWorkspace Workspace, PlanDocument Plan)> StudioRun = new(() => Run(Configs.StudioSynth));
    private static readonly Lazy<(TerraformWorkspace Workspace, PlanDocument Plan)> PersistentRun = new(() => Run(Configs.PersistentSynth));
    private static readonly Lazy<(TerraformWorkspace Workspace, PlanDocument Plan)> EmailRun = new(() => Run(Configs.WithEmailSynth));

    private static PlanDocument Default => TerraformTests.DefaultRun.Value.Plan;

    private static (TerraformWorkspace, PlanDocument) Run(SynthesizedStack stack)
    {
        var workspace = TerraformWorkspace.Init(stack, "us-east-1");
        return (workspace, new PlanDocument(workspace.Plan()));
    }

    private static string[] Created(PlanDocument plan) => plan.Changes.Where(c => c.Actions.SequenceEqual(["create"])).Select(c => c.Address).ToArray();

    [SetUp]
    public void RequireTerraform() => TerraformCli.RequireOrSkip();

    [Test]
    public void Plan_DefaultStack_CreatesTheRuleTargetEncryptedTopicAndDashboard()
    {
        Assert.That(Created(Default), Is.SupersetOf(new[]
        {
            "aws_cloudwatch_event_rule.notifications_rule", "aws_cloudwatch_event_target.notifications_target", "aws_sns_topic.notifications_topic",
            "aws_sns_topic_policy.notifications_topic_policy", "aws_kms_key.notifications_key", "aws_cloudwatch_dashboard.dashboard_dashboard",
        }));
        var rule = Default.Planned("aws_cloudwatch_event_rule.notifications_rule");
        var pattern = JsonNode.Parse((string)rule["event_pattern"]!)!;
        Assert.That(pattern["$or"]!.AsArray().Select(c => (string)c!["detail-type"]![0]!), Is.EquivalentTo(new[] { "EMR Step Status Change", "EMR Cluster State Change" }));
        // The template names the buckets, which AWS names at apply: its paths are known, its text is not yet.
        Assert.That((string?)Default.Planned("aws_cloudwatch_event_target.notifications_target")["input_transformer"]![0]!["input_paths"]!["state"], Is.EqualTo("$.detail.state"));
        Assert.That(Default.IsUnknown("aws_sns_topic.notifications_topic", "kms_master_key_id"), Is.True, "the topic's own key, made by this plan");
        Assert.That(Default.Changes.Select(c => c.Address), Has.None.StartsWith("aws_sns_topic_subscription."));
    }

    [Test]
    public void Plan_DefaultStack_ClusterDependsOnTheNotificationRule()
    {
        var cluster = Default.Json["configuration"]!["root_module"]!["resources"]!.AsArray().Single(r => (string?)r!["address"] == "aws_emr_cluster.emr_cluster")!;
        Assert.That(cluster["depends_on"]!.AsArray().Select(d => (string)d!), Is.SupersetOf(new[]
        {
            "aws_cloudwatch_event_rule.notifications_rule", "aws_cloudwatch_event_target.notifications_target", "aws_sns_topic_policy.notifications_topic_policy",
        }));
    }

    [Test]
    public void Validate_StudioStack_NoErrorAndNoWarning()
    {
        var result = StudioRun.Value.Workspace.Validate();
        Assert.That(((bool?)result["valid"], (int?)result["error_count"], (int?)result["warning_count"]), Is.EqualTo((true, 0, 0)), result.ToJsonString());
    }

    [Test]
    public void Plan_NotifyEmail_CreatesExactlyTheSubscriptionMore()
    {
        var email = EmailRun.Value.Plan;
        Assert.That(Created(email).Except(Created(Default)), Is.EqualTo(new[] { "aws_sns_topic_subscription.notifications_email" }));
        Assert.That(Created(Default).Except(Created(email)), Is.Empty);
        Assert.That((string?)email.Planned("aws_sns_topic_subscription.notifications_email")["endpoint"], Is.EqualTo(Configs.NotifyEmail));
    }

    [Test]
    public void Plan_Studio_CreatesExactlyTheStudioItsRoleAndGroupsMore()
    {
        var studio = StudioRun.Value.Plan;
        Assert.That(Created(studio).Except(Created(PersistentRun.Value.Plan)).Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "aws_emr_studio.notebooks_studio", "aws_iam_role.notebooks_service_role", "aws_iam_role_policy.notebooks_service_policy",
            "aws_security_group.notebooks_engine", "aws_security_group.notebooks_workspace",
            "aws_vpc_security_group_egress_rule.notebooks_workspace_to_engine", "aws_vpc_security_group_ingress_rule.notebooks_engine_from_workspace",
        }));
        Assert.That(Created(PersistentRun.Value.Plan).Except(Created(studio)), Is.Empty);
        var planned = studio.Planned("aws_emr_studio.notebooks_studio");
        Assert.That((string?)planned["auth_mode"], Is.EqualTo("IAM"));
        var ingress = studio.Planned("aws_vpc_security_group_ingress_rule.notebooks_engine_from_workspace");
        Assert.That(((int?)ingress["from_port"], (int?)ingress["to_port"], ingress["cidr_ipv4"]), Is.EqualTo((18888, 18888, (JsonNode?)null)));
        Assert.That(studio.Planned("aws_emr_cluster.emr_cluster")["applications"]!.AsArray().Select(a => (string)a!),
            Is.EquivalentTo(new[] { "Spark", "JupyterEnterpriseGateway", "Livy" }));
    }
}
