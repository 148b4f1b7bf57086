namespace MnistEmr.Review.Tests;

/// <summary>The review of the real offline plan of the synthesized default stack, through the command line.</summary>
[TestFixture]
[Category("Terraform")]
public class ReviewOfStackTests
{
    private static TestReviews.Reviewed Default => TestReviews.Gated(new PipelineConfig());

    private static JsonNode Review => Default.Json;

    // The account given as a setting (it replaces the credentials' account, and the stack declares no account_id).
    private static TestReviews.Reviewed Hardened => TestReviews.Gated(new PipelineConfig { AccountId = "210987654321" });

    // The key turned off: SSE-S3 and no local-disk encryption, as a user may choose.
    private static TestReviews.Reviewed Keyless => TestReviews.Gated(new PipelineConfig { KmsKey = KmsKeySource.None });

    private static JsonNode[] Checks(JsonNode review) => review["security"]!["checks"]!.AsArray().Select(c => c!).ToArray();

    [SetUp]
    public void RequireTerraform() => TestStacks.RequireTerraform();

    [Test]
    public void Review_DefaultStack_PassesTheGateAndWritesThreeFiles()
    {
        Assert.That(Default.Run.ExitCode, Is.Zero, Default.Run.Stderr);
        foreach (var file in new[] { "review.md", "review.json", "review.html" })
            Assert.That(File.Exists(Path.Combine(Default.Out, file)), Is.True, file);
        Assert.That(Default.Run.Stdout, Does.Contain("Security: all").And.Contain("checks pass").And.Contain("Written:"));
    }

    [Test]
    public void Changes_DefaultStack_EveryResourceCreatedNothingAlarming()
    {
        var counts = Review["changes"]!["counts"]!;
        // 60 before the log deliveries, then the VPC's flow log and the access logging of five buckets, then the stack's
        // own KMS key by default (the key, its alias and the service role's key-user policy), then the run's
        // notifications (rule, target, topic, topic policy, the topic's key and alias) and its dashboard.
        Assert.That((int)counts["create"]!, Is.EqualTo(76));
        Assert.That((int)counts["update"]! + (int)counts["replace"]! + (int)counts["delete"]!, Is.Zero);
        Assert.That(Review["changes"]!["alarms"]!.AsArray(), Is.Empty);
        var parts = Review["changes"]!["items"]!.AsArray().Select(i => (string)i!["part"]!).Distinct();
        Assert.That(parts, Is.EquivalentTo(new[] { "source", "format_a", "model", "report", "logs", "network", "emr", "iam", "loader", "job_artifact", "encryption", "notifications", "dashboard" }));
    }

    [Test]
    public void DataFlow_DefaultStack_FourNodesInOrderAndTheLoaderOnS31()
    {
        var nodes = Review["dataFlow"]!["nodes"]!.AsArray();
        Assert.That(nodes.Select(n => (string)n!["part"]!), Is.EqualTo(new[] { "source", "format_a", "model", "report" }));
        Assert.That((string)nodes[0]!["bucket"]!, Does.StartWith("mnist-emr-s3-1-source-"));
        Assert.That((string?)Review["dataFlow"]!["loaderTarget"], Does.Contain("S3|1 SOURCE_MNIST_DATA"));
        Assert.That(Review["dataFlow"]!["steps"]!.AsArray(), Is.Empty);
    }

    [Test]
    public void Security_DefaultStack_EveryCheckPassesAndEachPromiseIsChecked()
    {
        var checks = Review["security"]!["checks"]!.AsArray();
        Assert.That((bool)Review["security"]!["passed"]!, Is.True);
        Assert.That(checks.Where(c => !(bool)c!["passed"]! && !(bool)c["warnOnly"]!).Select(c => (string)c!["resource"]!), Is.Empty);
        var names = checks.Select(c => (string)c!["name"]!).ToArray();
        foreach (var promise in new[] { "public-access-block", "encryption", "tls-only-policy", "object-ownership", "multipart-upload-cleanup" })
            Assert.That(names.Count(n => n == promise), Is.EqualTo(6), $"{promise} on each of the six buckets");
        Assert.That(names.Count(n => n == "versioning"), Is.EqualTo(3), "model, report and job artifacts");
        Assert.That(names, Does.Contain("no-unexpected-ingress").And.Contain("emr-security-configuration")
            .And.Contain("emr-service-role-v2").And.Contain("instance-profile-s3-least-privilege"));
    }

    [Test]
    public void Security_DefaultStack_NoWarningNoFailureAndTheTrustPinnedToTheOfflineAccount()
    {
        Assert.That(Checks(Review).Where(c => !(bool)c["passed"]!).Select(c => $"{c["name"]}:{c["resource"]}"), Is.Empty);
        // No accountId setting: the account comes from the credentials; offline, from the review's placeholder.
        var trust = Checks(Review).Single(c => (string)c["name"]! == "emr-service-role-confused-deputy");
        Assert.That((string)trust["detail"]!, Does.Contain("account 123456789012").And.Contain("arn:aws:elasticmapreduce:us-east-1:123456789012:*"));
        Assert.That(Default.Run.Stdout, Does.Not.Contain("warn"));
    }

    [Test]
    public void Security_DefaultStack_LocalDisksAndEbsEncryptedWithTheStacksKey()
    {
        var disks = Checks(Review).Single(c => (string)c["name"]! == "emr-local-disk-encryption");
        Assert.That((bool)disks["passed"]!, Is.True, (string?)disks["detail"]);
        Assert.That((string)disks["detail"]!, Does.Contain("alias/mnist-emr-pipeline"));
        // The pipeline's key beside the notifications topic's own, both rotated.
        var rotation = Checks(Review).Where(c => (string)c["name"]! == "kms-key-rotation").ToDictionary(c => (string)c["resource"]!, c => (bool)c["passed"]!);
        Assert.That(rotation, Is.EquivalentTo(new Dictionary<string, bool> { ["aws_kms_key.kms_key"] = true, ["aws_kms_key.notifications_key"] = true }));
    }

    [Test]
    public void Security_WithTheAccountSetting_TrustNamesThatAccountAndNothingWarns()
    {
        Assert.That(Hardened.Run.ExitCode, Is.Zero, Hardened.Run.Stderr);
        var trust = Checks(Hardened.Json).Single(c => (string)c["name"]! == "emr-service-role-confused-deputy");
        Assert.That(((bool)trust["passed"]!, (string)trust["detail"]!), Is.EqualTo((true, (string)trust["detail"]!)));
        Assert.That((string)trust["detail"]!, Does.Contain("account 210987654321"));
        Assert.That(Checks(Hardened.Json).Where(c => !(bool)c["passed"]!).Select(c => (string)c["name"]!), Is.Empty);
    }

    [Test]
    public void Security_WithoutAKey_LocalDiskEncryptionWarnsAndTheKeyRulesAreExcepted()
    {
        Assert.That(Keyless.Run.ExitCode, Is.Zero, Keyless.Run.Stderr);
        var notPassed = Checks(Keyless.Json).Where(c => !(bool)c["passed"]!).ToArray();
        Assert.That(notPassed.Select(c => ((string)c["name"]!, (bool)c["warnOnly"]!)), Is.EqualTo(new[] { ("emr-local-disk-encryption", true) }));
        var exceptions = Exceptions(Keyless.Json);
        foreach (var rule in new[] { "CKV_AWS_171", "CKV_AWS_349", "CKV_AWS_350" })
            Assert.That(exceptions.Select(e => e.Rule), Does.Contain(rule));
        Assert.That(exceptions.Count(e => e.Rule == "CKV_AWS_145"), Is.EqualTo(6), "SSE-S3 on every bucket, as chosen");
    }

    [Test]
    public void Security_EveryCheckButTheV2Policy_NamesTheScannerRulesItAnswers()
    {
        foreach (var check in Checks(Review))
        {
            var rules = check["scannerRules"]!.AsArray().Select(r => (string)r!).ToArray();
            if ((string)check["name"]! is "emr-service-role-v2" or "log-delivery-policy" or "instance-profile-s3-least-privilege" or "iam-role-trust-not-anyone")
                Assert.That(rules, Is.Empty, "no scanner checks for the managed v2 policy, the log bucket's delivery statements, the steps' exact S3 rights or a trust in anyone");
            else
                Assert.That(rules, Is.Not.Empty.And.All.Match("^(CKV2?_AWS_[0-9]+|prowler:[a-z0-9_]+)$"), (string)check["name"]!);
        }
        Assert.That(File.ReadAllText(Path.Combine(Default.Out, "review.md")), Does.Contain("| scanner rules |").And.Contain("CKV_AWS_19"));
    }

    [Test]
    public void Security_DefaultStack_LogsOfEveryBucketAndTheVpcChecked()
    {
        var checks = Checks(Review);
        string[] Where(string name) => checks.Where(c => (string)c["name"]! == name).Select(c => (string)c["resource"]! + ((bool)c["passed"]! ? "" : " FAILED")).ToArray();
        Assert.That(Where("access-logging"), Is.EquivalentTo(new[] { "s3_1_source", "s3_2_format_a", "s3_4_model", "s3_3_report", "job_artifacts" }.Select(b => $"aws_s3_bucket.{b}_bucket")));
        Assert.That(Where("log-delivery-policy"), Is.EqualTo(new[] { "aws_s3_bucket.emr_logs_bucket" }));
        Assert.That(Where("vpc-flow-logs"), Is.EqualTo(new[] { "aws_vpc.network_vpc" }));
    }

    // The rules the issue's checkov run failed on the default stack, and the three EMR rules it could not read.
    private static readonly string[] IssueRules =
        ["CKV2_AWS_11", "CKV_AWS_18", "CKV_AWS_21", "CKV_AWS_130", "CKV_AWS_144", "CKV_AWS_145", "CKV_AWS_171", "CKV2_AWS_62", "CKV_AWS_349", "CKV_AWS_350", "CKV_AWS_351"];

    private static (string Rule, string Resource)[] Exceptions(JsonNode review) =>
        review["security"]!["scannerExceptions"]!.AsArray().Select(e => ((string)e!["rule"]!, (string)e["resource"]!)).ToArray();

    [Test]
    public void Scanner_DefaultStack_EveryRuleOfTheIssueIsMetOrANamedJustifiedException()
    {
        var met = Checks(Review).Where(c => (bool)c["passed"]!).SelectMany(c => c["scannerRules"]!.AsArray().Select(r => (string)r!)).ToHashSet();
        var findings = Review["security"]!["scannerFindings"]!.AsArray().Select(f => ((string)f!["rule"]!, (string)f["resource"]!, (bool)f["failed"]!)).ToArray();
        met.UnionWith(findings.GroupBy(f => f.Item1).Where(g => g.All(f => !f.Item3)).Select(g => g.Key));
        var excepted = Exceptions(Review).Select(e => e.Rule).ToHashSet();
        Assert.That(IssueRules.Where(r => !met.Contains(r) && !excepted.Contains(r)), Is.Empty);
        // Every failing finding is excepted on its own resource, and every exception stands on a failing finding.
        Assert.That(findings.Where(f => f.Item3).Select(f => (f.Item1, f.Item2)), Is.EquivalentTo(Exceptions(Review)));
        Assert.That(Review["security"]!["scannerExceptions"]!.AsArray().Select(e => ((string)e!["justification"]!).Length), Has.All.GreaterThan(40));

        var exceptions = Exceptions(Review);
        string[] On(string rule) => exceptions.Where(e => e.Rule == rule).Select(e => e.Resource).Order().ToArray();
        string[] buckets = ["emr_logs", "job_artifacts", "s3_1_source", "s3_2_format_a", "s3_3_report", "s3_4_model"];
        Assert.That(On("CKV_AWS_130"), Is.EqualTo(new[] { "aws_subnet.network_public_subnet" }));
        Assert.That(On("CKV_AWS_144"), Is.EqualTo(buckets.Select(b => $"aws_s3_bucket.{b}_bucket")));
        Assert.That(On("CKV2_AWS_62"), Is.EqualTo(buckets.Select(b => $"aws_s3_bucket.{b}_bucket")));
        Assert.That(On("CKV_AWS_145"), Is.EqualTo(new[] { "aws_s3_bucket.emr_logs_bucket" }), "the stack's key everywhere else");
        Assert.That(On("CKV_AWS_21"), Is.EqualTo(new[] { "emr_logs", "s3_1_source", "s3_2_format_a" }.Select(b => $"aws_s3_bucket.{b}_bucket")));
        Assert.That(On("CKV_AWS_18"), Is.Empty, "every bucket is named by an aws_s3_bucket_logging, the log bucket as its target: the old exception was stale");
        Assert.That(On("CKV2_AWS_11"), Is.Empty, "the VPC has its flow log");
        foreach (var rule in new[] { "CKV_AWS_171", "CKV_AWS_349", "CKV_AWS_350" })
            Assert.That(On(rule), Is.Empty, $"{rule}: met with the stack's key");
        Assert.That(On("CKV_AWS_351"), Is.EqualTo(new[] { "aws_emr_security_configuration.emr_security_configuration_configuration" }));
        var inTransit = Review["security"]!["scannerExceptions"]!.AsArray().Single(e => (string)e!["rule"]! == "CKV_AWS_351")!;
        Assert.That((string)inTransit["justification"]!, Does.Contain("$0 a month").And.Contain("PEM").And.Contain("foothold"));
        Assert.That(Review["security"]!["staleScannerExceptions"]!.AsArray(), Is.Empty);
        Assert.That(File.ReadAllText(Path.Combine(Default.Out, "review.md")), Does.Contain("named exceptions").And.Contain("| CKV_AWS_130 |"));
    }

    [Test]
    public void Security_DefaultStack_ShowsTheInstanceProfilesExactS3Rights()
    {
        var rights = Review["security"]!["instanceProfileS3Rights"]!.AsArray()
            .ToDictionary(r => (string)r!["part"]!, r => r!["actions"]!.AsArray().Select(a => (string)a!).ToArray());
        Assert.That(rights.Keys, Is.EquivalentTo(new[] { "source", "format_a", "model", "report", "logs", "job_artifact" }));
        Assert.That(rights["source"], Does.Contain("s3:GetObject").And.Not.Contain("s3:PutObject").And.Not.Contain("s3:DeleteObject"));
        Assert.That(rights["logs"], Does.Contain("s3:PutObject").And.Not.Contain("s3:GetObject"));
        Assert.That(rights["format_a"], Does.Contain("s3:PutObject").And.Contain("s3:GetObject"));
    }

    [Test]
    public void Cost_DefaultStack_ThreeM5XlargeAtTheTablesPrices()
    {
        var cost = Review["cost"]!;
        // 1 primary + 2 core m5.xlarge: 3 x (0.192 EC2 + 0.048 EMR); a run lasts what the step-time model estimates
        // (no --run-hours given), and the transient cluster then ends (before: a flat hour plus the 1 h idle timeout,
        // $1.44 a run).
        Assert.That((decimal)cost["perHour"]!, Is.EqualTo(3 * (0.192m + 0.048m)));
        Assert.That((string?)cost["lifecycle"], Is.EqualTo("transient"));
        Assert.That((decimal)cost["worstIdle"]!, Is.Zero);
        Assert.That((bool)cost["runHoursGiven"]!, Is.False, "the model's estimate, not a given number of hours");
        Assert.That((decimal)cost["perRun"]!, Is.EqualTo(3 * (0.192m + 0.048m) * (decimal)cost["runHours"]!));
        Assert.That((decimal)cost["runHours"]!, Is.GreaterThan(0m).And.LessThan(1m), "a run of the sample-sized job takes well under the old flat hour");
        Assert.That((string?)cost["currency"], Is.EqualTo("USD"));
        Assert.That((decimal)cost["storagePerMonth"]!, Is.GreaterThan(0m));
        Assert.That((decimal)cost["kmsKeysPerMonth"]!, Is.EqualTo(1.00m), "the stack's own key, $1 a month (AWS KMS pricing)");
        Assert.That(File.ReadAllText(Path.Combine(Default.Out, "review.md")), Does.Contain("- KMS keys per month: $1.00 (1 at $1.00"));
        // The step-time model's estimate, step by step.
        var steps = cost["runTime"]!["steps"]!.AsArray();
        Assert.That(steps.Select(s => (string)s!["name"]!), Is.EqualTo(new[] { "mnist-canary", "mnist-explode", "mnist-train", "mnist-evaluate", "mnist-report", "mnist-score" }));
        Assert.That(steps.Select(s => (double)s!["minutes"]!), Has.All.GreaterThan(0));
        Assert.That((double)cost["runTime"]!["totalMinutes"]!, Is.EqualTo(steps.Sum(s => (double)s!["minutes"]!) + 10 + 1).Within(0.05), "start-up, steps, shutdown");
        Assert.That(Default.Run.Stdout, Does.Contain("Run: ").And.Contain("mnist-train"));
    }

    [Test]
    public void Diagram_DefaultStack_DerivedFromReferences()
    {
        var edges = Review["diagram"]!["edges"]!.AsArray().Select(e => ((string)e!["from"]!, (string)e["to"]!)).ToArray();
        Assert.That(edges, Does.Contain(("emr", "network")).And.Contain(("emr", "iam")).And.Contain(("iam", "source")).And.Contain(("loader", "source")));
        Assert.That((string?)Review["diagram"]!["mermaid"], Does.StartWith("flowchart LR"));
        var html = File.ReadAllText(Path.Combine(Default.Out, "review.html"));
        Assert.That(html, Does.Contain("<svg").And.Contain("S3|1 SOURCE_MNIST_DATA").And.Not.Contain("<script"));
        // Laid out by Graphviz (node and the repository's @viz-js/viz), not the warning that stands in for it.
        Assert.That((bool)Review["diagram"]!["svgDrawn"]!, Is.True, (string?)Review["diagram"]!["svgNotDrawnReason"]);
        Assert.That(html, Does.Contain("<figure class=\"diagram\"><svg").And.Contain("<title>source</title>").And.Contain("<title>no_steps</title>"));
        Assert.That((string?)Review["diagram"]!["dot"], Does.StartWith("digraph pipeline"));
        Assert.That(File.ReadAllText(Path.Combine(Default.Out, "review.md")), Does.Contain("```mermaid"));
    }

    [Test]
    public void Review_SameStackAgainWithAnotherOutputFolder_PlansAgain()
    {
        var stack = TestStacks.Synthesize(new PipelineConfig());
        Assert.That(Default.Run.ExitCode, Is.Zero, Default.Run.Stderr);
        var again = Invocation.Invoke("--stack-dir", stack, "--offline", "--out", Invocation.OutputFolder());
        Assert.That(again.ExitCode, Is.Zero, again.Stderr);
    }

    [Test]
    public void DataFlow_WithTheJob_ListsItsStepsInOrderWithWhatEachReadsAndWrites()
    {
        var (run, review, output) = TestReviews.Gated(new PipelineConfig { JobArtifactPath = TestStacks.JobPackage() });
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        var steps = review["dataFlow"]!["steps"]!.AsArray();
        Assert.That(steps.Select(s => (string)s!["name"]!), Is.EqualTo(new[] { "mnist-canary", "mnist-explode", "mnist-train", "mnist-evaluate", "mnist-report", "mnist-score" }));
        Assert.That(steps.Select(s => string.Join("+", s!["reads"]!.AsArray().Select(p => (string)p!)) + ">" + string.Join("+", s["writes"]!.AsArray().Select(p => (string)p!))),
            Is.EqualTo(new[]
            {
                "source+format_a>format_a+model+report", "source>format_a", "format_a>model", "model+format_a>report", "report+model>report",
                "format_a+model>report",
            }));
        Assert.That(steps.Select(s => (string)s!["actionOnFailure"]!),
            Is.All.EqualTo("TERMINATE_CLUSTER"), "a transient cluster ends when any step fails");
        var html = File.ReadAllText(Path.Combine(output, "review.html"));
        foreach (var step in new[] { "1. mnist-canary", "2. mnist-explode", "3. mnist-train", "4. mnist-evaluate", "5. mnist-report", "6. mnist-score" })
            Assert.That(html, Does.Contain($">{step.Replace("-", "&#45;", StringComparison.Ordinal)}</text>"), $"{step} drawn (Graphviz writes '-' as &#45;)");
    }

    [Test]
    public void Timings_DefaultStack_IncludeTerraformsShare()
    {
        var timings = Review["timingsSeconds"]!.AsObject().Select(t => t.Key);
        Assert.That(timings, Is.SupersetOf(new[] { "terraform init", "terraform plan", "terraform show", "analysis", "total" }));
    }
}
