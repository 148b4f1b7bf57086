namespace MnistEmr.Review.Tests;

/// <summary>
/// The review knows the parts around a run: the notifications, the dashboard and the notebooks' Studio are listed as
/// their own parts, priced, checked and drawn beside the cluster; weakened, their checks fail the gate.
/// </summary>
[TestFixture]
[Category("Terraform")]
public class MonitoringReviewTests
{
    // Every monitoring part: the job (for a last step), an email subscription and notebooks on a persistent cluster.
    private static PipelineConfig Everything => new()
    {
        JobArtifactPath = TestStacks.JobPackage(), NotifyEmail = "ops@example.com", Notebooks = Notebooks.Studio, ClusterLifecycle = ClusterLifecycle.Persistent,
    };

    private static TestReviews.Reviewed Reviewed => TestReviews.Gated(Everything);

    private static JsonNode Review => Reviewed.Json;

    private static Dictionary<string, JsonNode> Checks(string name) =>
        Review["security"]!["checks"]!.AsArray().Where(c => (string?)c!["name"] == name).ToDictionary(c => (string)c!["resource"]!, c => c!);

    [SetUp]
    public void RequireTerraform() => TestStacks.RequireTerraform();

    [Test]
    public void Changes_EveryMonitoringPart_ListedAsItsOwnPart()
    {
        Assert.That(Reviewed.Run.ExitCode, Is.Zero, Reviewed.Run.Stderr);
        var parts = Review["changes"]!["items"]!.AsArray().ToLookup(i => (string)i!["part"]!, i => (string)i!["address"]!);
        Assert.That(parts["notifications"], Is.SupersetOf(new[]
        {
            "aws_cloudwatch_event_rule.notifications_rule", "aws_cloudwatch_event_target.notifications_target", "aws_sns_topic.notifications_topic",
            "aws_sns_topic_policy.notifications_topic_policy", "aws_sns_topic_subscription.notifications_email", "aws_kms_key.notifications_key",
        }));
        Assert.That(parts["dashboard"], Is.EqualTo(new[] { "aws_cloudwatch_dashboard.dashboard_dashboard" }));
        Assert.That(parts["notebooks"], Does.Contain("aws_emr_studio.notebooks_studio").And.Contain("aws_security_group.notebooks_engine"));
        Assert.That(parts["other"], Is.Empty);
    }

    [Test]
    public void Security_EveryMonitoringPromise_CheckedAndKept()
    {
        Assert.That((bool)Checks("sns-topic-encrypted")["aws_sns_topic.notifications_topic"]["passed"]!, Is.True);
        Assert.That((bool)Checks("sns-topic-not-public")["aws_sns_topic.notifications_topic"]["passed"]!, Is.True);
        Assert.That((string?)Checks("sns-topic-not-public")["aws_sns_topic.notifications_topic"]["detail"], Does.Contain("only events.amazonaws.com may publish"));
        Assert.That((bool)Checks("studio-security-groups-closed")["aws_emr_studio.notebooks_studio"]["passed"]!, Is.True);
        Assert.That((bool)Checks("kms-key-rotation")["aws_kms_key.notifications_key"]["passed"]!, Is.True);
        Assert.That(Checks("sns-topic-encrypted")["aws_sns_topic.notifications_topic"]["scannerRules"]!.AsArray().Select(r => (string)r!), Does.Contain("CKV_AWS_26"));
    }

    [Test]
    public void Cost_MonitoringParts_PricedFreeButTheKeyAndTheDashboard()
    {
        var monitoring = Review["monitoring"]!;
        var charges = monitoring["charges"]!.AsArray().ToDictionary(c => (string)c!["resource"]!, c => (decimal)c!["perMonth"]!);
        Assert.That(charges["aws_cloudwatch_dashboard.dashboard_dashboard"], Is.EqualTo(3.00m));
        Assert.That(charges["aws_kms_key.notifications_key"], Is.EqualTo(1.00m));
        Assert.That(charges["aws_cloudwatch_event_rule.notifications_rule"], Is.Zero);
        Assert.That(charges["aws_sns_topic.notifications_topic"], Is.Zero);
        Assert.That(charges["aws_sns_topic_subscription.notifications_email"], Is.Zero);
        Assert.That(charges["aws_emr_studio.notebooks_studio"], Is.Zero);
        Assert.That((decimal)monitoring["perMonth"]!, Is.EqualTo(4.00m));
        var dashboard = monitoring["charges"]!.AsArray().Single(c => (string?)c!["resource"] == "aws_cloudwatch_dashboard.dashboard_dashboard")!;
        Assert.That((string?)dashboard["basis"], Does.Contain("at most 3 dashboards").And.Contain("20 metrics"));
        Assert.That(monitoring["pricesSourceUrls"]!.AsArray().Select(u => (string)u!), Does.Contain("https://aws.amazon.com/cloudwatch/pricing/"));
        Assert.That(Reviewed.Run.Stdout, Does.Contain("Around the run: Run notifications, Run dashboard, EMR Studio notebooks, at most $4.00/month"));
    }

    [Test]
    public void Diagram_MonitoringParts_DrawnBesideTheCluster()
    {
        var dot = (string)Review["diagram"]!["dot"]!;
        Assert.That(dot, Does.Contain("subgraph cluster_monitoring").And.Contain("compound=true"));
        // From evaluate (step 4), the top of the last column: evaluate, report, score.
        Assert.That(dot, Does.Contain("step_4 -> notifications [ltail=cluster_emr").And.Contain("step_4 -> dashboard [ltail=cluster_emr")
            .And.Contain("step_4 -> notebooks [ltail=cluster_emr, dir=back"));
        Assert.That((string)Review["diagram"]!["mermaid"]!, Does.Contain("subgraph monitoring").And.Contain("emr -.->|events| notifications"));
        var html = File.ReadAllText(Path.Combine(Reviewed.Out, "review.html"));
        Assert.That(html, Does.Contain("<title>notifications</title>").And.Contain("<title>dashboard</title>").And.Contain("<title>notebooks</title>"));
        Assert.That(html, Does.Contain("Around the run: notifications, dashboard, notebooks"));
    }

    [Test]
    public void Gate_TopicUnderTheAwsKeyOpenToAllAndStudioOpenToTheInternet_FailsNamingTheirChecks()
    {
        var stack = TestStacks.Weakened(TestStacks.Synthesize(Everything), config =>
        {
            var resources = config["resource"]!.AsObject();
            resources["aws_sns_topic"]!["notifications_topic"]!["kms_master_key_id"] = "alias/aws/sns";
            resources["aws_sns_topic_policy"]!["notifications_topic_policy"]!["policy"] =
                """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"*"}]}""";
            resources["aws_vpc_security_group_ingress_rule"]!["notebooks_engine_from_workspace"]!.AsObject().Remove("referenced_security_group_id");
            resources["aws_vpc_security_group_ingress_rule"]!["notebooks_engine_from_workspace"]!["cidr_ipv4"] = "0.0.0.0/0";
        });

        var run = TestReviews.GatedOnce(stack).Run;

        Assert.That(run.ExitCode, Is.EqualTo(5), run.Stderr);
        var named = run.FailedChecks;
        Assert.That(named, Is.EquivalentTo(new[]
        {
            "sns-topic-encrypted:aws_sns_topic.notifications_topic",
            "sns-topic-not-public:aws_sns_topic.notifications_topic",
            "studio-security-groups-closed:aws_emr_studio.notebooks_studio",
            "no-unexpected-ingress:aws_vpc_security_group_ingress_rule.notebooks_engine_from_workspace",
        }));
        Assert.That(run.Stdout, Does.Contain("alias/aws/sns").And.Contain("admits 0.0.0.0/0"));
    }
}
