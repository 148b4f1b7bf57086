namespace MnistEmr.Review.Tests;

/// <summary>A stack weakened on purpose: the gate fails and names exactly the broken promises, no more.</summary>
[TestFixture]
[Category("Terraform")]
public class WeakenedStackTests
{
    [SetUp]
    public void RequireTerraform() => TestStacks.RequireTerraform();

    [Test]
    public void Gate_ThreePromisesBroken_FailsNamingExactlyThoseChecks()
    {
        var stack = TestStacks.Weakened(TestStacks.Synthesize(new PipelineConfig()), config =>
        {
            var resources = config["resource"]!.AsObject();
            // FORMAT A loses its public access block.
            resources["aws_s3_bucket_public_access_block"]!.AsObject().Remove("s3_2_format_a_public_access_block");
            var policy = resources["aws_s3_bucket_policy"]!["s3_2_format_a_policy"]!.AsObject();
            policy.Remove("depends_on");
            // The model bucket loses versioning.
            resources["aws_s3_bucket_versioning"]!.AsObject().Remove("s3_4_model_versioning");
            resources["aws_s3_bucket_lifecycle_configuration"]!["s3_4_model_lifecycle"]!.AsObject().Remove("depends_on");
            // SSH opens to the whole internet.
            resources["aws_vpc_security_group_ingress_rule"] = new JsonObject
            {
                ["open_ssh"] = new JsonObject
                {
                    ["security_group_id"] = "${aws_security_group.emr_security_groups_primary.id}",
                    ["ip_protocol"] = "tcp", ["from_port"] = 22, ["to_port"] = 22, ["cidr_ipv4"] = "0.0.0.0/0",
                },
            };
        });

        var run = TestReviews.GatedOnce(stack).Run;

        Assert.That(run.ExitCode, Is.EqualTo(5), run.Stderr);
        var named = run.FailedChecks;
        Assert.That(named, Is.EquivalentTo(new[]
        {
            "public-access-block:aws_s3_bucket.s3_2_format_a_bucket",
            "versioning:aws_s3_bucket.s3_4_model_bucket",
            "no-unexpected-ingress:aws_vpc_security_group_ingress_rule.open_ssh",
        }));
        Assert.That(run.Stdout, Does.Contain("admits the whole internet (0.0.0.0/0)"));
    }

    [Test]
    public void Review_WithoutGate_WritesTheReviewAndExitsZeroDespiteFailures()
    {
        var stack = TestStacks.Weakened(TestStacks.Synthesize(new PipelineConfig()), config =>
            config["resource"]!["aws_s3_bucket_ownership_controls"]!.AsObject().Remove("s3_1_source_ownership"));
        var output = Invocation.OutputFolder();
        var run = Invocation.Invoke("--stack-dir", stack, "--offline", "--out", output);
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        var review = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "review.json")))!;
        // Failed, not merely warned.
        var failed = review["security"]!["checks"]!.AsArray().Where(c => !(bool)c!["passed"]! && !(bool)c["warnOnly"]!).Select(c => $"{c!["name"]}:{c["resource"]}");
        Assert.That(failed, Is.EqualTo(new[] { "object-ownership:aws_s3_bucket.s3_1_source_bucket" }));
    }

    [Test]
    public void Review_ABucketGetsEventNotifications_ItsExceptionForCkv262IsReportedStale()
    {
        // S3|1 gains an aws_s3_bucket_notification: CKV2_AWS_62 then passes there, and the declared exception
        // ("no consumer of S3 events") no longer matches a failure.
        var stack = TestStacks.Weakened(TestStacks.Synthesize(new PipelineConfig()), config =>
            config["resource"]!["aws_s3_bucket_notification"] = new JsonObject
            {
                ["events_to_eventbridge"] = new JsonObject { ["bucket"] = "${aws_s3_bucket.s3_1_source_bucket.id}", ["eventbridge"] = true },
            });
        var (run, review, _) = TestReviews.GatedOnce(stack);
        Assert.That(run.ExitCode, Is.Zero, "a stale exception warns; it does not close the gate: " + run.Stderr);
        var security = review["security"]!;
        var stale = security["staleScannerExceptions"]!.AsArray().Select(e => ((string)e!["rule"]!, (string)e["resource"]!));
        Assert.That(stale, Is.EqualTo(new[] { ("CKV2_AWS_62", "aws_s3_bucket.s3_1_source_bucket") }));
        var warned = security["checks"]!.AsArray().Where(c => !(bool)c!["passed"]!).Select(c => ((string)c!["name"]!, (string)c["resource"]!, (bool)c["warnOnly"]!));
        Assert.That(warned, Is.EqualTo(new[] { ("stale-scanner-exception", "aws_s3_bucket.s3_1_source_bucket", true) }));
        Assert.That(run.Stdout, Does.Contain("warn stale-scanner-exception"));
    }
}
