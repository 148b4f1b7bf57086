using static MnistEmr.Stacks.Tests.StorageTests;

namespace MnistEmr.Stacks.Tests;

/// <summary>Around a run: the notifications (rule, encrypted topic, email), the dashboard and the notebooks' EMR Studio, on the synthesized JSON.</summary>
[TestFixture]
public class MonitoringTests
{
    private static SynthesizedStack Stack => Configs.DefaultSynth;

    private static JsonNode Pattern(SynthesizedStack stack) =>
        JsonNode.Parse((string)stack.Resource("aws_cloudwatch_event_rule", "notifications_rule")["event_pattern"]!)!;

    private static IEnumerable<string> Addresses(SynthesizedStack stack) =>
        stack.Document["resource"]!.AsObject().SelectMany(t => t.Value!.AsObject().Select(r => $"{t.Key}.{r.Key}"));

    [Test]
    public void Topic_Default_EncryptedWithItsOwnRotatedKeyThatEventBridgeMayUse()
    {
        Assert.That((string?)Stack.Resource("aws_sns_topic", "notifications_topic")["kms_master_key_id"],
            Is.EqualTo(SynthesizedStack.Ref("aws_kms_key", "notifications_key", "arn")), "a customer managed key: EventBridge cannot use alias/aws/sns");
        Assert.That((bool?)Stack.Resource("aws_kms_key", "notifications_key")["enable_key_rotation"], Is.True);
        var statements = Stack.DataSource("aws_iam_policy_document", "notifications_key_policy")["statement"]!.AsArray();
        var events = statements.Single(s => (string?)s!["sid"] == "EventBridgePublishesEncrypted")!;
        Assert.That(Strings(events["principals"]![0]!["identifiers"]), Is.EqualTo(new[] { "events.amazonaws.com" }));
        Assert.That(Strings(events["actions"]), Is.EquivalentTo(new[] { "kms:Decrypt", "kms:GenerateDataKey*" }));
    }

    [Test]
    public void TopicPolicy_Default_OnlyThisRuleOfThisAccountPublishes()
    {
        var statement = Stack.DataSource("aws_iam_policy_document", "notifications_topic_policy_document")["statement"]!.AsArray().Single()!;
        Assert.That(Strings(statement["principals"]![0]!["identifiers"]), Is.EqualTo(new[] { "events.amazonaws.com" }));
        Assert.That(Strings(statement["actions"]), Is.EqualTo(new[] { "sns:Publish" }));
        var conditions = statement["condition"]!.AsArray().ToDictionary(c => (string)c!["variable"]!, c => ((string)c!["test"]!, Strings(c["values"])));
        Assert.That(conditions["aws:SourceArn"], Is.EqualTo(("ArnEquals", new[] { SynthesizedStack.Ref("aws_cloudwatch_event_rule", "notifications_rule", "arn") })));
        Assert.That(conditions["aws:SourceAccount"].Item2.Single(), Is.EqualTo("${local.account_resolved}"), "the stack's one deploying account (DeployAccount)");
        Assert.That(Configs.FullSynth.DataSource("aws_iam_policy_document", "notifications_topic_policy_document")["statement"]![0]!["condition"]!.AsArray()
            .Single(c => (string?)c!["variable"] == "aws:SourceAccount")!["values"]![0]!.ToString(), Is.EqualTo(Configs.AccountId));
    }

    [Test]
    public void Rule_Default_MatchesThisClustersEndAndFailedStepsByItsName()
    {
        var pattern = Pattern(Stack);
        Assert.That(Strings(pattern["source"]), Is.EqualTo(new[] { "aws.emr" }));
        var cases = pattern["$or"]!.AsArray();
        var cluster = cases.Single(c => Strings(c!["detail-type"]).Single() == "EMR Cluster State Change")!;
        Assert.That(Strings(cluster["detail"]!["name"]), Is.EqualTo(new[] { "mnist-emr-mnist" }));
        Assert.That(Strings(cluster["detail"]!["state"]), Is.EqualTo(new[] { "TERMINATED", "TERMINATED_WITH_ERRORS" }));
        var failed = cases.Single(c => Strings(c!["detail"]!["state"]).Contains("FAILED"))!;
        Assert.That(Strings(failed["detail"]!["state"]), Is.EqualTo(new[] { "FAILED", "CANCELLED" }));
        Assert.That((string?)failed["detail"]!["message"]![0]!["wildcard"], Is.EqualTo("* in Amazon EMR cluster * (mnist-emr-mnist) *"));
        Assert.That(cases.Count, Is.EqualTo(2), "no steps without a job package, so no last step to complete");
    }

    [Test]
    public void Rule_WithSteps_AlsoMatchesTheLastStepsCompletion()
    {
        var cases = Pattern(Configs.FullSynth)["$or"]!.AsArray();
        var completed = cases.Single(c => Strings(c!["detail"]!["state"]).SequenceEqual(["COMPLETED"]))!;
        var steps = Configs.FullSynth.Resource("aws_emr_cluster", "emr_cluster")["step"]!.AsArray();
        Assert.That(Strings(completed["detail"]!["name"]), Is.EqualTo(new[] { (string)steps[^1]!["name"]! }));
        Assert.That((string?)completed["detail"]!["message"]![0]!["wildcard"], Does.Contain("(team-mnist-mnist)"));
    }

    [Test]
    public void Cluster_Default_WaitsForTheRuleItsTargetAndThePolicies()
    {
        var dependsOn = Strings(Stack.Resource("aws_emr_cluster", "emr_cluster")["depends_on"]);
        Assert.That(dependsOn, Is.SupersetOf(new[]
        {
            "aws_cloudwatch_event_rule.notifications_rule", "aws_cloudwatch_event_target.notifications_target",
            "aws_sns_topic_policy.notifications_topic_policy", "aws_kms_key.notifications_key",
        }));
    }

    [Test]
    public void Target_WithRun_SaysWhichRunStepStateAndWhereLogsReportAndDashboardAre()
    {
        var target = Configs.FullSynth.Resource("aws_cloudwatch_event_target", "notifications_target");
        Assert.That((string?)target["arn"], Is.EqualTo(SynthesizedStack.Ref("aws_sns_topic", "notifications_topic", "arn")));
        var transformer = target["input_transformer"]!;
        Assert.That(transformer["input_paths"]!.AsObject().Select(p => (p.Key, (string)p.Value!)), Is.SupersetOf(new[]
        {
            ("state", "$.detail.state"), ("message", "$.detail.message"), ("cluster", "$.detail.clusterId"), ("kind", "$.detail-type"),
        }));
        var template = (string)transformer["input_template"]!;
        Assert.That(template, Does.Not.Contain("${"), "no interpolation beside the quotes: cdktf synth --hcl would mangle it");
        var text = JsonNode.Parse(template)!.GetValue<string>();
        Assert.That(text, Does.Match("run job-[0-9a-f]{12}: <kind> <state> at <time>\\. <message> ")
            .And.Contain("Logs: <cluster>/ under the log bucket's emr/ (output emr_log_uri")
            .And.Match("Report: runs/job-[0-9a-f]{12}/report.html under S3\\|3's reports/ \\(output s3_3_report_uri\\)")
            .And.Contain("#dashboards/dashboard/team-mnist-mnist-pipeline"));
    }

    [Test]
    public void NotifyEmail_Set_AddsExactlyTheSubscription()
    {
        Assert.That(Addresses(Configs.WithEmailSynth).Except(Addresses(Stack)), Is.EqualTo(new[] { "aws_sns_topic_subscription.notifications_email" }));
        Assert.That(Addresses(Stack).Except(Addresses(Configs.WithEmailSynth)), Is.Empty);
        var subscription = Configs.WithEmailSynth.Resource("aws_sns_topic_subscription", "notifications_email");
        Assert.That(((string?)subscription["protocol"], (string?)subscription["endpoint"]), Is.EqualTo(("email", Configs.NotifyEmail)));
        Assert.That(Stack.Resources("aws_sns_topic_subscription"), Is.Empty, "no subscription unless asked");
    }

    [Test]
    public void Dashboard_Default_NamedAfterTheStackWithThisClustersHealthMetrics()
    {
        var dashboard = Stack.Resource("aws_cloudwatch_dashboard", "dashboard_dashboard");
        Assert.That((string?)dashboard["dashboard_name"], Is.EqualTo("mnist-emr-mnist-pipeline"));
        Assert.That((string?)dashboard["dashboard_body"], Does.StartWith("${jsonencode(").And.Contain("aws_emr_cluster.emr_cluster.id"));
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(RunDashboard.Body(new RunDashboardProps
        {
            Name = "d", Region = "us-east-1", ClusterId = "j-TEST", NotificationRuleName = "rule", StepNames = ["a", "b"],
        })))!;
        var metrics = body["widgets"]!.AsArray()
            .Where(w => (string?)w!["type"] == "metric").SelectMany(w => w!["properties"]!["metrics"]!.AsArray()).Select(m => Strings(m)).ToArray();
        var emr = metrics.Where(m => m[0] == RunDashboard.EmrNamespace).ToArray();
        Assert.That(emr.Select(m => m[1]), Is.SupersetOf(new[]
        {
            "ContainerAllocated", "ContainerPending", "YARNMemoryAvailablePercentage", "AppsFailed", "AppsCompleted", "HDFSUtilization", "S3BytesRead", "HDFSBytesWritten",
        }));
        Assert.That(emr.Select(m => (m[2], m[3])), Has.All.EqualTo(("JobFlowId", "j-TEST")), "this cluster's metrics only");
        Assert.That(metrics.Where(m => m[0] == "AWS/Events").Select(m => (m[2], m[3])), Has.All.EqualTo(("RuleName", "rule")));
        Assert.That(metrics, Has.Length.LessThanOrEqualTo(RunDashboard.MaxFreeTierMetrics), "a dashboard of up to 50 metrics counts towards the free tier");
        Assert.That(metrics.Length, Is.EqualTo(RunDashboard.MetricCount(withRule: true)));
        Assert.That((string?)body["widgets"]![0]!["properties"]!["markdown"], Does.Contain("`a` → `b`"));
    }

    [Test]
    public void Outputs_Default_TopicAndDashboardUrlButNoStudio()
    {
        var outputs = Stack.Document["output"]!.AsObject();
        Assert.That((string?)outputs["dashboard_url"]!["value"],
            Is.EqualTo("https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/mnist-emr-mnist-pipeline"));
        Assert.That((string?)outputs["notifications_topic_arn"]!["value"], Is.EqualTo(SynthesizedStack.Ref("aws_sns_topic", "notifications_topic", "arn")));
        Assert.That(outputs.ContainsKey("emr_studio_url"), Is.False);
        Assert.That((string?)Configs.StudioSynth.Document["output"]!["emr_studio_url"]!["value"], Is.EqualTo(SynthesizedStack.Ref("aws_emr_studio", "notebooks_studio", "url")));
    }

    [Test]
    public void Studio_Set_AddsExactlyItsResourcesAndTheWorkspaceApplications()
    {
        var added = Addresses(Configs.StudioSynth).Except(Addresses(Configs.PersistentSynth)).Order(StringComparer.Ordinal);
        Assert.That(added, Is.EqualTo(new[]
        {
            "aws_emr_studio.notebooks_studio", "aws_iam_role.notebooks_service_role", "aws_iam_role_policy.notebooks_service_policy",
            "aws_security_group.notebooks_engine", "aws_security_group.notebooks_workspace",
            "aws_vpc_security_group_egress_rule.notebooks_workspace_to_engine", "aws_vpc_security_group_ingress_rule.notebooks_engine_from_workspace",
        }));
        Assert.That(Addresses(Configs.PersistentSynth).Except(Addresses(Configs.StudioSynth)), Is.Empty);
        Assert.That(Strings(Configs.StudioSynth.Resource("aws_emr_cluster", "emr_cluster")["applications"]), Is.EqualTo(new[] { "Spark", "JupyterEnterpriseGateway", "Livy" }));
        Assert.That(Strings(Configs.PersistentSynth.Resource("aws_emr_cluster", "emr_cluster")["applications"]), Is.EqualTo(new[] { "Spark" }));
        Assert.That(Addresses(Configs.PersistentSynth).Where(a => PipelineNodes.OwnerOf(a.Split('.')[1]) == PipelineNodes.Notebooks), Is.Empty);
    }

    [Test]
    public void Studio_Set_IamAuthInTheClustersSubnetWithNotebooksUnderTheReportBucket()
    {
        var studio = Configs.StudioSynth.Resource("aws_emr_studio", "notebooks_studio");
        Assert.That((string?)studio["auth_mode"], Is.EqualTo("IAM"));
        Assert.That(Strings(studio["subnet_ids"]), Is.EqualTo(new[] { SynthesizedStack.Ref("aws_subnet", "network_public_subnet", "id") }));
        Assert.That((string?)studio["default_s3_location"], Is.EqualTo("s3://${aws_s3_bucket.s3_3_report_bucket.bucket}/notebooks/"));
        Assert.That((string?)studio["service_role"], Is.EqualTo(SynthesizedStack.Ref("aws_iam_role", "notebooks_service_role", "arn")));
        var trust = Configs.StudioSynth.DataSource("aws_iam_policy_document", "notebooks_trust")["statement"]![0]!;
        Assert.That(Strings(trust["principals"]![0]!["identifiers"]), Is.EqualTo(new[] { "elasticmapreduce.amazonaws.com" }));
        var s3 = Configs.StudioSynth.DataSource("aws_iam_policy_document", "notebooks_service_policy_document")["statement"]!.AsArray()
            .Where(s => Strings(s!["actions"]).Any(a => a.StartsWith("s3:", StringComparison.Ordinal))).SelectMany(s => Strings(s!["resources"]));
        Assert.That(s3, Is.EquivalentTo(new[] { "${aws_s3_bucket.s3_3_report_bucket.arn}", "${aws_s3_bucket.s3_3_report_bucket.arn}/notebooks/*" }), "the notebooks only, not arn:aws:s3:::*");
    }

    [Test]
    public void StudioGroups_Set_TaggedForTheV2PoliciesAndOpenOnlyToEachOther()
    {
        foreach (var group in new[] { "notebooks_engine", "notebooks_workspace" })
        {
            var tags = Configs.StudioSynth.Resource("aws_security_group", group)["tags"]!;
            Assert.That((string?)tags[EmrManagedPolicyTag.Key], Is.EqualTo("true"), group);
            Assert.That(Configs.StudioSynth.Resource("aws_security_group", group)["ingress"], Is.Null, $"{group}: no inline rule");
        }
        var ingress = Configs.StudioSynth.Resources("aws_vpc_security_group_ingress_rule").Where(r => r.Key.StartsWith("notebooks_", StringComparison.Ordinal)).ToArray();
        Assert.That(ingress.Select(r => r.Key), Is.EqualTo(new[] { "notebooks_engine_from_workspace" }));
        var rule = ingress.Single().Value;
        Assert.That(((string?)rule["security_group_id"], (string?)rule["referenced_security_group_id"], (int?)rule["from_port"], (int?)rule["to_port"], rule["cidr_ipv4"]),
            Is.EqualTo((SynthesizedStack.Ref("aws_security_group", "notebooks_engine", "id"), SynthesizedStack.Ref("aws_security_group", "notebooks_workspace", "id"), 18888, 18888, (JsonNode?)null)));
        var egress = Configs.StudioSynth.Resource("aws_vpc_security_group_egress_rule", "notebooks_workspace_to_engine");
        Assert.That((string?)egress["referenced_security_group_id"], Is.EqualTo(SynthesizedStack.Ref("aws_security_group", "notebooks_engine", "id")));
        Assert.That(egress["cidr_ipv4"], Is.Null, "the workspaces reach the engine only");
    }

    [Test]
    public void Catalogue_MonitoringParts_ClaimTheirResourcesByType()
    {
        Assert.That(PipelineNodes.Monitoring, Is.EqualTo(new[] { PipelineNodes.Notifications, PipelineNodes.Dashboard, PipelineNodes.Notebooks }));
        Assert.That(PipelineNodes.OwnerOf("notifications_topic"), Is.EqualTo(PipelineNodes.Notifications));
        Assert.That(PipelineNodes.OwnerOf("dashboard_dashboard"), Is.EqualTo(PipelineNodes.Dashboard));
        Assert.That(PipelineNodes.OwnerOf("notebooks_engine"), Is.EqualTo(PipelineNodes.Notebooks));
    }
}
