using Reviewed = MnistEmr.Review.Tests.Support.TestReviews.Reviewed;

namespace MnistEmr.Review.Tests;

/// <summary>
/// checkov's IAM rules on the real offline plans of the stack: the default, the all-options and the notebooks' stack
/// pass every one (the key policies' documents excepted by name), and a stack weakened in its policies, trusts and
/// attachments closes the gate naming each rule it breaks.
/// </summary>
[TestFixture]
[Category("Terraform")]
public class IamReviewOfStacksTests
{
    private const string KmsPolicy = "data.aws_iam_policy_document.kms_policy";
    private const string NotificationsKeyPolicy = "data.aws_iam_policy_document.notifications_key_policy";

    private static readonly string[] IamChecks = IamRules.All.Select(r => r.Check).ToArray();

    private static Reviewed Default => TestReviews.Gated(new PipelineConfig());

    // Configs.Full of the stack tests: every optional feature on (spot core nodes, SSH from one network, the job, a sweep, an email).
    private static Reviewed AllOptions => TestReviews.Gated(new PipelineConfig
    {
        Region = "eu-west-1", AccountId = "123456789012", NamePrefix = "team-mnist", AvailabilityZone = "eu-west-1b",
        CoreMarket = CapacityMarket.Spot, CoreSpotMaxPrice = 0.25m, CoreInstanceCount = 3, IdleTimeoutMinutes = 30,
        AllowedIngressCidr = "203.0.113.0/24", KmsKey = KmsKeySource.Create, ForceDestroy = true, JobArtifactPath = TestStacks.JobPackage(),
        ExplodeShards = 32, ReExplode = true, EvaluatePartitions = 24, TrainingSweep = 4, CoreInstanceType = "r5.xlarge", NotifyEmail = "ops@example.com",
    });

    // The notebooks: an EMR Studio on a persistent cluster, whose service role has a policy of its own.
    private static Reviewed Studio => TestReviews.Gated(new PipelineConfig
    {
        Notebooks = Notebooks.Studio, ClusterLifecycle = ClusterLifecycle.Persistent,
    });

    [SetUp]
    public void RequireTerraform() => TestStacks.RequireTerraform();

    [Test]
    public void Gate_DefaultStack_PassesEveryIamRuleWithTheKeyPoliciesExcepted()
    {
        AssertEveryIamRulePasses(Default, policies: 3);
    }

    [Test]
    public void Gate_AllOptionsStack_PassesEveryIamRuleWithTheKeyPoliciesExcepted()
    {
        AssertEveryIamRulePasses(AllOptions, policies: 3);
    }

    [Test]
    public void Gate_StudioStack_PassesEveryIamRuleOnTheStudiosRoleToo()
    {
        AssertEveryIamRulePasses(Studio, policies: 4);
        var studio = Studio.Findings.Where(f => f.Resource is "aws_iam_role_policy.notebooks_service_policy" or "data.aws_iam_policy_document.notebooks_service_policy_document").ToArray();
        Assert.That(studio.Select(f => f.Rule), Does.Contain("CKV_AWS_355").And.Contain("CKV_AWS_356"));
        Assert.That(studio.Where(f => f.Failed), Is.Empty, "the Studio reads this account's clusters, not \"*\"");
    }

    private static void AssertEveryIamRulePasses(Reviewed reviewed, int policies)
    {
        Assert.That(reviewed.Run.ExitCode, Is.Zero, reviewed.Run.Stderr + reviewed.Run.Stdout);
        var checks = reviewed.Checks.Where(c => IamChecks.Contains((string)c["name"]!)).ToArray();
        Assert.That(checks.Select(c => (string)c["name"]!), Is.EquivalentTo(IamChecks), "one check per rule");
        Assert.That(checks.Where(c => !(bool)c["passed"]!).Select(c => (string)c["detail"]!), Is.Empty);
        Assert.That((string)checks.Single(c => (string)c["name"]! == "iam-policy-no-privilege-escalation")["detail"]!, Does.EndWith($"in the {policies} IAM policies"));

        // checkov's view: only the key policies' documents fail, on the three rules their Resource "*" breaks, each excepted.
        var rules = IamRules.All.Select(r => r.Id).ToHashSet();
        var failing = reviewed.Findings.Where(f => rules.Contains(f.Rule) && f.Failed).Select(f => (f.Rule, f.Resource)).ToArray();
        var keyPolicies = new[] { KmsPolicy, NotificationsKeyPolicy }.SelectMany(d => new[] { "CKV_AWS_109", "CKV_AWS_111", "CKV_AWS_356" }.Select(r => (r, d))).ToArray();
        Assert.That(failing, Is.EquivalentTo(keyPolicies));
        Assert.That(reviewed.Exceptions.Where(e => rules.Contains(e.Rule)), Is.EquivalentTo(keyPolicies));
        Assert.That(reviewed.Json["security"]!["staleScannerExceptions"]!.AsArray(), Is.Empty);
    }

    [Test]
    public void Gate_StackWithAnAdminStatementAPublicTrustAnAccountTrustAndAdministratorAccess_FailsNamingEachRule()
    {
        var stack = TestStacks.Weakened(TestStacks.Synthesize(new PipelineConfig()), config =>
        {
            var data = config["data"]!["aws_iam_policy_document"]!;
            // The nodes' bucket policy gains "*" on "*"; their role's trust opens to any AWS principal.
            data["emr_roles_bucket_access"]!["statement"]!.AsArray().Add(new JsonObject { ["sid"] = "Everything", ["actions"] = new JsonArray("*"), ["resources"] = new JsonArray("*") });
            data["emr_roles_ec2_trust"]!["statement"]![0]!["principals"] = new JsonArray(new JsonObject { ["type"] = "AWS", ["identifiers"] = new JsonArray("*") });
            var resources = config["resource"]!.AsObject();
            resources["aws_iam_role"]!["extra"] = new JsonObject
            {
                ["name"] = "mnist-emr-extra",
                ["assume_role_policy"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"arn:aws:iam::210987654321:root"}}]}""",
            };
            resources["aws_iam_role_policy_attachment"]!["admin"] = new JsonObject
            {
                ["role"] = "${aws_iam_role.emr_roles_ec2_role.name}", ["policy_arn"] = "arn:aws:iam::aws:policy/AdministratorAccess",
            };
        });

        var reviewed = TestReviews.GatedOnce(stack);
        var run = reviewed.Run;

        Assert.That(run.ExitCode, Is.EqualTo(5), run.Stderr);
        var named = run.FailedChecks;
        const string Policy = "aws_iam_role_policy.emr_roles_ec2_bucket_access";
        const string Document = "data.aws_iam_policy_document.emr_roles_bucket_access";
        string[] policyChecks = ["admin", "star-action", "privilege-escalation", "credentials-exposure", "data-exfiltration", "unconstrained-permissions-management", "unconstrained-write", "star-resource"];
        Assert.That(named, Is.EquivalentTo(policyChecks.Select(c => $"iam-policy-no-{c}:{Policy}")
            .Concat(policyChecks.Select(c => $"iam-document-no-{c}:{Document}"))
            .Concat(
            [
                "iam-document-no-public-principal:data.aws_iam_policy_document.emr_roles_ec2_trust",
                "iam-role-not-publicly-assumable:aws_iam_role.emr_roles_ec2_role",
                "iam-role-trust-not-anyone:aws_iam_role.emr_roles_ec2_role",
                "iam-role-not-assumable-by-account:aws_iam_role.extra",
                "iam-no-administrator-access:aws_iam_role_policy_attachment.admin",
                // The review's own S3 promise breaks too: "*" is every action on every bucket.
                "instance-profile-s3-least-privilege:aws_iam_role.emr_roles_ec2_role",
            ])));
        string Detail(string id) => (string)reviewed.Checks.Single(c => $"{c["name"]}:{c["resource"]}" == id)["detail"]!;
        Assert.That(Detail($"iam-policy-no-admin:{Policy}"), Is.EqualTo("CKV_AWS_62: policy pipeline-buckets of aws_iam_role.emr_roles_ec2_role: allows every action (\"*\") on every resource (\"*\")"));
        Assert.That(Detail($"iam-policy-no-privilege-escalation:{Policy}"), Does.StartWith(
            "CKV_AWS_286: policy pipeline-buckets of aws_iam_role.emr_roles_ec2_role: allows privilege escalation without resource constraints: CreateAccessKey (iam:createaccesskey);"));
        Assert.That(Detail($"iam-document-no-data-exfiltration:{Document}"), Does.StartWith("CKV_AWS_108: document of aws_iam_role_policy.emr_roles_ec2_bucket_access: allows s3:GetObject, "));
        Assert.That(Detail("iam-document-no-public-principal:data.aws_iam_policy_document.emr_roles_ec2_trust"), Does.Contain("any AWS principal (\"*\") sts:AssumeRole"));
        Assert.That(Detail("iam-role-not-publicly-assumable:aws_iam_role.emr_roles_ec2_role"), Is.EqualTo("CKV_AWS_60: role mnist-emr-emr-ec2: any AWS principal (\"*\") may assume it"));
        Assert.That(Detail("iam-role-not-assumable-by-account:aws_iam_role.extra"), Does.StartWith("CKV_AWS_61: role mnist-emr-extra: trusts the account arn:aws:iam::210987654321:root"));
        Assert.That(Detail("iam-no-administrator-access:aws_iam_role_policy_attachment.admin"), Is.EqualTo("CKV_AWS_274: attaches arn:aws:iam::aws:policy/AdministratorAccess"));
    }
}
