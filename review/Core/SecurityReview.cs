using System.Net;

namespace MnistEmr.Review.Core;

/// <summary>
/// Every hardening promise of the stack as a named check on the plan, and the instance profile's exact S3 rights.
/// A resource the promise needs but the plan lacks is a failed check, not a skipped one.
/// </summary>
internal sealed record SecurityReview(IReadOnlyList<SecurityCheck> Checks, IReadOnlyList<BucketRights> InstanceProfileRights)
{
    /// <summary>The failed checks: each closes the gate.</summary>
    public IEnumerable<SecurityCheck> Failed => Checks.Where(c => c.Failed);

    /// <summary>The checks that did not pass but only warn (<see cref="SecurityCheck.WarnOnly"/>).</summary>
    public IEnumerable<SecurityCheck> Warnings => Checks.Where(c => c.Warned);

    /// <summary>
    /// The verdict in words, lower case, for every renderer: "all 44 checks pass", "the one check passes" (a
    /// destroy of an empty state leaves only the ingress check), "2 of 37 checks fail"; warnings are counted apart
    /// ("all 44 checks pass; 1 warns").
    /// </summary>
    public string Verdict()
    {
        var failed = Failed.Count();
        var warned = Warnings.Count();
        var gating = Checks.Count - warned;
        var verdict = (failed, gating) switch
        {
            (0, 0) when warned == 0 => "no security check applies to this plan",
            (0, 0) => "no gating check applies to this plan",
            (0, 1) => "the one check passes",
            (0, var all) => $"all {all} checks pass",
            (1, 1) => "the one check fails",
            (var n, var all) => $"{n} of {all} checks fail",
        };
        return warned == 0 ? verdict : $"{verdict}; {warned} warn{(warned == 1 ? "s" : "")}";
    }

    /// <summary>Checks a plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="allowedIngressCidr">The one CIDR the configuration allows in, or null for none.</param>
    public static SecurityReview Of(TerraformPlan plan, string? allowedIngressCidr)
    {
        var checks = new List<SecurityCheck>();
        var logTargets = LogTargets(plan);
        foreach (var bucket in plan.OfType("aws_s3_bucket").Where(b => b.Action != ChangeAction.Delete))
        {
            checks.AddRange(BucketChecks(plan, bucket));
            checks.Add(logTargets.Contains(bucket.Address) ? LogDeliveryCheck(plan, bucket) : AccessLoggingCheck(plan, bucket));
        }
        foreach (var vpc in plan.OfType("aws_vpc").Where(v => v.Action != ChangeAction.Delete))
            checks.Add(FlowLogCheck(plan, vpc));
        foreach (var key in plan.OfType("aws_kms_key").Where(k => k.Action != ChangeAction.Delete))
            checks.Add(new SecurityCheck("kms-key-rotation", key.Address, (bool?)key.Values?["enable_key_rotation"] == true,
                (bool?)key.Values?["enable_key_rotation"] == true ? "automatic yearly rotation on" : "the key is never rotated"));
        checks.AddRange(IngressChecks(plan, allowedIngressCidr));
        foreach (var role in plan.OfType("aws_iam_role").Where(r => r.Action != ChangeAction.Delete))
            checks.Add(IamRules.RoleTrustCheck(plan, role));
        checks.AddRange(MonitoringChecks.Of(plan));
        var rights = new List<BucketRights>();
        foreach (var cluster in plan.OfType("aws_emr_cluster").Where(c => c.Action != ChangeAction.Delete))
            checks.AddRange(ClusterChecks(plan, cluster, rights));
        checks = checks.Select(c => c with { ScannerRules = ScannerRules.Of(c.Name) }).ToList();

        // The scanner rules, judged here on the plan (JSON strings included), against the exceptions the stack declares.
        var findings = ScannerFindings.Of(plan);
        var verdict = ScannerExceptions.Judge(findings, ScannerExceptions.Declared(plan, logTargets));
        // One check per IAM rule: its findings, less the failures the stack excepts on purpose.
        checks.AddRange(IamRules.Checks(findings, verdict).Select(c => c with { ScannerRules = ScannerRules.Of(c.Name) }));
        checks.AddRange(ScannerChecks(verdict, checks));
        return new SecurityReview(checks, rights)
        {
            Findings = findings,
            Exceptions = verdict.Held,
            StaleExceptions = verdict.Stale,
        };
    }

    /// <summary>
    /// The checks a scanner verdict adds: a failed <c>scanner-rule</c> for each failing rule no exception covers (unless
    /// a failed check of the review already answers that rule on that resource), and a warning
    /// <c>stale-scanner-exception</c> for each exception whose rule passes.
    /// </summary>
    public static IEnumerable<SecurityCheck> ScannerChecks(ScannerVerdict verdict, IReadOnlyList<SecurityCheck> checks)
    {
        foreach (var finding in verdict.Unexcepted.Where(f => !checks.Any(c => c.Failed && c.Resource == f.Resource && c.ScannerRules.Contains(f.Rule))))
            yield return new SecurityCheck("scanner-rule", finding.Resource, false, $"{finding.Rule} fails ({finding.Detail}) and no exception says why")
            {
                ScannerRules = [finding.Rule],
            };
        foreach (var stale in verdict.Stale)
            yield return new SecurityCheck("stale-scanner-exception", stale.Resource, false,
                $"the exception for {stale.Rule} matches no failure of it here: the rule passes, so the exception only waits to hide its next real failure; remove it")
            {
                WarnOnly = true,
                ScannerRules = [stale.Rule],
            };
    }

    /// <summary>The scanner rules the stack does not meet on purpose, each with its reason; each matches a failing finding.</summary>
    public IReadOnlyList<ScannerException> Exceptions { get; init; } = [];

    /// <summary>The scanner rules the review judged itself, on every resource they concern (<see cref="ScannerFindings"/>).</summary>
    public IReadOnlyList<ScannerFinding> Findings { get; init; } = [];

    /// <summary>Declared exceptions whose rule passes on their resource: reported as warnings, for removal.</summary>
    public IReadOnlyList<ScannerException> StaleExceptions { get; init; } = [];

    /// <summary>The buckets AWS delivers logs into: targets of S3 server access logging and destinations of flow logs.</summary>
    public static IReadOnlySet<string> LogTargets(TerraformPlan plan) =>
        plan.OfType("aws_s3_bucket_logging").SelectMany(l => l.ReferencesAt("target_bucket"))
            .Concat(plan.OfType("aws_flow_log").SelectMany(f => f.ReferencesAt("log_destination")))
            .Where(a => a.StartsWith("aws_s3_bucket.", StringComparison.Ordinal)).ToHashSet();

    private static SecurityCheck AccessLoggingCheck(TerraformPlan plan, PlanResource bucket)
    {
        var logging = plan.OfType("aws_s3_bucket_logging").FirstOrDefault(l => l.ReferencesAt("bucket").Contains(bucket.Address));
        var target = logging?.ReferencesAt("target_bucket").FirstOrDefault(a => a.StartsWith("aws_s3_bucket.", StringComparison.Ordinal));
        return new SecurityCheck("access-logging", bucket.Address, target is not null,
            logging is null ? "no S3 server access logging: requests to the bucket leave no record"
            : target is null ? "access logs go to a bucket outside this stack" : $"requests logged into {target}");
    }

    // The log bucket's policy must allow each delivery that targets it, or AWS rewrites the policy (flow logs) or
    // drops the logs (server access logging with ACLs disabled).
    private static SecurityCheck LogDeliveryCheck(TerraformPlan plan, PlanResource bucket)
    {
        var policy = plan.OfType("aws_s3_bucket_policy").FirstOrDefault(p => p.ReferencesAt("bucket").Contains(bucket.Address));
        var allows = policy is null ? [] : PolicyStatement.Of(plan, policy, "policy").Where(s => s.Effect == "Allow").ToArray();
        bool Allowed(string principal, string action) => allows.Any(s => s.Principals.Contains(principal) && s.Actions.Contains(action));
        var needed = new List<(string Principal, string Action)>();
        if (plan.OfType("aws_s3_bucket_logging").Any(l => l.ReferencesAt("target_bucket").Contains(bucket.Address)))
            needed.Add(("logging.s3.amazonaws.com", "s3:PutObject"));
        if (plan.OfType("aws_flow_log").Any(f => f.ReferencesAt("log_destination").Contains(bucket.Address)))
            needed.AddRange([("delivery.logs.amazonaws.com", "s3:PutObject"), ("delivery.logs.amazonaws.com", "s3:GetBucketAcl")]);
        var missing = needed.Where(n => !Allowed(n.Principal, n.Action)).Select(n => $"{n.Action} for {n.Principal}").ToArray();
        return new SecurityCheck("log-delivery-policy", bucket.Address, policy is not null && missing.Length == 0,
            policy is null ? "no bucket policy: log deliveries are refused or AWS writes a policy of its own"
            : missing.Length == 0 ? $"the policy allows every log delivery into it ({string.Join(", ", needed.Select(n => n.Principal).Distinct())})"
            : $"the policy lacks {string.Join(", ", missing)}");
    }

    private static SecurityCheck FlowLogCheck(TerraformPlan plan, PlanResource vpc)
    {
        var flowLog = plan.OfType("aws_flow_log").FirstOrDefault(f => f.ReferencesAt("vpc_id").Contains(vpc.Address));
        var traffic = (string?)flowLog?.Values?["traffic_type"];
        return new SecurityCheck("vpc-flow-logs", vpc.Address, traffic == "ALL",
            flowLog is null ? "no flow log: the VPC's traffic leaves no record"
            : traffic == "ALL" ? $"{flowLog.Address} records accepted and rejected traffic" : $"{flowLog.Address} records only {traffic ?? "unknown"} traffic");
    }

    private static IEnumerable<SecurityCheck> BucketChecks(TerraformPlan plan, PlanResource bucket)
    {
        var part = PipelineParts.Of(bucket);
        PlanResource? Guard(string type) => plan.OfType(type).FirstOrDefault(g => g.ReferencesAt("bucket").Contains(bucket.Address));

        var block = Guard("aws_s3_bucket_public_access_block");
        string[] flags = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];
        var open = block is null ? flags : flags.Where(f => (bool?)block.Values?[f] != true).ToArray();
        yield return new SecurityCheck("public-access-block", bucket.Address, open.Length == 0,
            block is null ? "no public access block" : open.Length == 0 ? "all four settings on" : $"off: {string.Join(", ", open)}");

        var encryption = Guard("aws_s3_bucket_server_side_encryption_configuration");
        var algorithm = (string?)First(First(encryption?.Values?["rule"])?["apply_server_side_encryption_by_default"])?["sse_algorithm"];
        yield return new SecurityCheck("encryption", bucket.Address, algorithm is "AES256" or "aws:kms" or "aws:kms:dsse",
            encryption is null ? "no server-side encryption configuration" : $"default encryption {algorithm ?? "unset"}");

        var policy = Guard("aws_s3_bucket_policy");
        var tlsOnly = policy is not null && PolicyStatement.Of(plan, policy, "policy").Any(s =>
            s.Effect == "Deny" && s.Conditions.Any(c => c.Variable == "aws:SecureTransport" && c.Values.Contains("false")));
        yield return new SecurityCheck("tls-only-policy", bucket.Address, tlsOnly,
            policy is null ? "no bucket policy" : tlsOnly ? "denies requests without TLS" : "the policy does not deny requests without TLS");

        var ownership = Guard("aws_s3_bucket_ownership_controls");
        var owner = (string?)First(ownership?.Values?["rule"])?["object_ownership"];
        yield return new SecurityCheck("object-ownership", bucket.Address, owner == "BucketOwnerEnforced",
            ownership is null ? "no ownership controls: ACLs stay enabled" : $"object ownership {owner}");

        var versioning = Guard("aws_s3_bucket_versioning");
        var status = (string?)First(versioning?.Values?["versioning_configuration"])?["status"];
        if (part.Versioned || versioning is not null)
            yield return new SecurityCheck("versioning", bucket.Address, status == "Enabled",
                versioning is null ? $"not versioned: an overwrite in {part.Title} loses the previous version" : $"versioning {status}");

        var lifecycle = Guard("aws_s3_bucket_lifecycle_configuration");
        var abort = (lifecycle?.Values?["rule"]?.AsArray() ?? []).Any(r =>
            (string?)r?["status"] == "Enabled" && First(r["abort_incomplete_multipart_upload"])?["days_after_initiation"] is not null);
        yield return new SecurityCheck("multipart-upload-cleanup", bucket.Address, abort,
            abort ? "unfinished multipart uploads are removed" : "no enabled rule removes unfinished multipart uploads");
    }

    private static IEnumerable<SecurityCheck> IngressChecks(TerraformPlan plan, string? allowedIngressCidr)
    {
        var rules = new List<(string Resource, string Cidr)>();
        foreach (var rule in plan.OfType("aws_vpc_security_group_ingress_rule"))
        {
            foreach (var key in new[] { "cidr_ipv4", "cidr_ipv6" })
                if ((string?)rule.Values?[key] is { } cidr)
                    rules.Add((rule.Address, cidr));
        }
        foreach (var rule in plan.OfType("aws_security_group_rule").Where(r => (string?)r.Values?["type"] == "ingress"))
            rules.AddRange(CidrsOf(rule.Values).Select(c => (rule.Address, c)));
        foreach (var group in plan.OfType("aws_security_group").Concat(plan.OfType("aws_default_security_group")))
            foreach (var inline in group.Values?["ingress"]?.AsArray() ?? [])
                rules.AddRange(CidrsOf(inline).Select(c => (group.Address, c)));

        var outside = rules.Where(r => r.Cidr != allowedIngressCidr).ToArray();
        foreach (var (resource, cidr) in outside)
        {
            var world = cidr is "0.0.0.0/0" or "::/0";
            yield return new SecurityCheck("no-unexpected-ingress", resource, false,
                world ? $"admits the whole internet ({cidr})" : $"admits {cidr}, which is not the configured allowedIngressCidr ({allowedIngressCidr ?? "none"})");
        }
        if (outside.Length == 0)
            yield return new SecurityCheck("no-unexpected-ingress", "security groups", true,
                allowedIngressCidr is null ? "no rule admits traffic from outside the VPC" : $"only {allowedIngressCidr} is admitted");
    }

    private static IEnumerable<string> CidrsOf(JsonNode? rule) =>
        (rule?["cidr_blocks"]?.AsArray() ?? []).Concat(rule?["ipv6_cidr_blocks"]?.AsArray() ?? [])
            .Select(c => c!.ToString()).Where(c => IPNetwork.TryParse(c, out _));

    private static IEnumerable<SecurityCheck> ClusterChecks(TerraformPlan plan, PlanResource cluster, List<BucketRights> rights)
    {
        var configuration = cluster.ReferencesAt("security_configuration").Select(plan.Find).FirstOrDefault(r => r?.Type == "aws_emr_security_configuration");
        if (configuration is not null && configuration.IsUnknown("configuration"))
        {
            // Its JSON names a KMS key this same plan creates, so Terraform knows it only after apply: say so, without
            // passing a promise the plan cannot show, and without closing the gate on the stack's own key.
            yield return new SecurityCheck("emr-security-configuration", cluster.Address, false,
                $"{configuration.Address}: known only after apply (it names a KMS key this plan creates); at-rest encryption cannot be read from the plan")
            {
                WarnOnly = true,
            };
        }
        else
        {
            var atRest = (string?)configuration?.Values?["configuration"] is { } text
                && (bool?)JsonNode.Parse(text)?["EncryptionConfiguration"]?["EnableAtRestEncryption"] == true;
            yield return new SecurityCheck("emr-security-configuration", cluster.Address, atRest,
                configuration is null ? "the cluster has no security configuration" : atRest ? $"{configuration.Address}: at-rest encryption on" : $"{configuration.Address}: at-rest encryption off");

            // The nodes' local disks (LUKS) and EBS volumes, read from the configuration's JSON (a scanner sees a string).
            // It warns when off: that is kmsKey: none without a kmsKeyArn, a choice the default does not make.
            if (configuration is not null)
            {
                var localDisk = JsonNode.Parse((string?)configuration.Values?["configuration"] ?? "{}")?["EncryptionConfiguration"]?["AtRestEncryptionConfiguration"]?["LocalDiskEncryptionConfiguration"];
                var key = (string?)localDisk?["AwsKmsKey"];
                var disks = atRest && localDisk is JsonObject { Count: > 0 } && (bool?)localDisk["EnableEbsEncryption"] == true;
                yield return new SecurityCheck("emr-local-disk-encryption", configuration.Address, disks,
                    disks ? $"local disks and EBS volumes encrypted with {key ?? (string?)localDisk!["EncryptionKeyProviderType"]}"
                    : "local disks and EBS volumes not encrypted: no KMS key (kmsKey: none without kmsKeyArn)")
                {
                    WarnOnly = !disks,
                };
            }
        }

        var serviceRole = cluster.ReferencesAt("service_role").FirstOrDefault(a => a.StartsWith("aws_iam_role.", StringComparison.Ordinal));
        var v2 = serviceRole is not null && plan.OfType("aws_iam_role_policy_attachment").Any(a =>
            a.ReferencesAt("role").Contains(serviceRole) && EmrRoles.IsServicePolicyArn((string?)a.Values?["policy_arn"]));
        yield return new SecurityCheck("emr-service-role-v2", serviceRole ?? cluster.Address, v2,
            v2 ? $"{EmrRoles.ServicePolicyName} attached" : $"the service role does not carry {EmrRoles.ServicePolicyName}");

        if (serviceRole is not null && plan.Find(serviceRole) is { } serviceRoleResource)
            yield return ConfusedDeputyCheck(plan, serviceRoleResource);

        var profile = cluster.ReferencesAt("ec2_attributes", "instance_profile").Select(plan.Find).FirstOrDefault(r => r?.Type == "aws_iam_instance_profile");
        var role = profile?.ReferencesAt("role").FirstOrDefault(a => a.StartsWith("aws_iam_role.", StringComparison.Ordinal));
        var statements = plan.OfType("aws_iam_role_policy").Where(p => role is not null && p.ReferencesAt("role").Contains(role))
            .SelectMany(p => PolicyStatement.Of(plan, p, "policy"))
            .Where(s => s.Effect == "Allow" && s.Actions.Any(a => a.StartsWith("s3:", StringComparison.Ordinal) || a == "*"))
            .ToArray();
        var buckets = plan.OfType("aws_s3_bucket").Select(b => b.Address).ToHashSet();
        rights.AddRange(statements.SelectMany(s => s.ReferencedResources.Where(buckets.Contains).Select(b => (Bucket: b, s.Actions)))
            .GroupBy(g => g.Bucket)
            .Select(g => new BucketRights(g.Key, PipelineParts.Of(plan.Find(g.Key)!), g.SelectMany(x => x.Actions).Distinct().Order(StringComparer.Ordinal).ToArray()))
            .OrderBy(r => r.Part));
        var wide = statements.Where(s => s.LiteralResources.Any(r => r == "*" || (r.StartsWith("arn:", StringComparison.Ordinal) && r.Contains(":s3:::*", StringComparison.Ordinal)))
                                         || s.Actions.Any(a => a is "*" or "s3:*")).ToArray();
        var foreign = statements.SelectMany(s => s.ReferencedResources).Where(r => !buckets.Contains(r)).Distinct().ToArray();
        var least = profile is not null && statements.Length > 0 && wide.Length == 0 && foreign.Length == 0;
        yield return new SecurityCheck("instance-profile-s3-least-privilege", role ?? cluster.Address, least,
            profile is null ? "the cluster has no instance profile"
            : statements.Length == 0 ? "no S3 rights found for the instance profile's role"
            : wide.Length > 0 ? "grants S3 rights on every bucket or every action (\"*\")"
            : foreign.Length > 0 ? $"grants S3 rights on resources outside the stack's buckets: {string.Join(", ", foreign)}"
            : $"S3 rights on exactly {rights.Count} bucket(s) of the stack");
    }

    /// <summary>The check that the EMR service role trusts EMR only when EMR acts for this account.</summary>
    /// <remarks>
    /// A gating check: the stack always writes the conditions (the account is the <c>accountId</c> setting's or the
    /// deploying credentials', read at plan time), so a trust policy without them is a broken promise. Where the plan
    /// knows the role's trust policy as JSON (it does: the account is known at plan time), the values are judged too:
    /// <c>aws:SourceAccount</c> must be one 12-digit account and <c>aws:SourceArn</c> must name EMR in that same account.
    /// </remarks>
    private static SecurityCheck ConfusedDeputyCheck(TerraformPlan plan, PlanResource role)
    {
        var trusts = PolicyStatement.Of(plan, role, "assume_role_policy").Where(s => s.Effect == "Allow").ToArray();
        (string Test, string Variable, IReadOnlyList<string> Values)? Condition(PolicyStatement s, string variable, params string[] tests) =>
            s.Conditions.Where(c => c.Variable.Equals(variable, StringComparison.OrdinalIgnoreCase) && tests.Contains(c.Test))
                .Select(c => ((string, string, IReadOnlyList<string>)?)c).FirstOrDefault();
        var missing = new[] { EmrRoles.SourceAccountKey, EmrRoles.SourceArnKey }.Where(k => !trusts.Any(s => s.Conditions.Any(c => c.Variable == k))).ToArray();
        var pinned = trusts.Length > 0 && trusts.All(s =>
            Condition(s, EmrRoles.SourceAccountKey, "StringEquals") is not null && Condition(s, EmrRoles.SourceArnKey, "ArnLike", "ArnEquals") is not null);
        // The values, where the plan knows them (a policy document's references have none): one account, and EMR's ARNs in it.
        var accounts = trusts.SelectMany(s => Condition(s, EmrRoles.SourceAccountKey, "StringEquals")?.Values ?? []).Distinct().ToArray();
        var arns = trusts.SelectMany(s => Condition(s, EmrRoles.SourceArnKey, "ArnLike", "ArnEquals")?.Values ?? []).Distinct().ToArray();
        var wrongValue = accounts.Length > 0 && (accounts.Length != 1 || !System.Text.RegularExpressions.Regex.IsMatch(accounts[0], "^[0-9]{12}$")
            || arns.Any(a => !a.StartsWith("arn:", StringComparison.Ordinal) || a.Split(':') is not [_, _, "elasticmapreduce", _, var account, ..] || account != accounts[0]));
        return new SecurityCheck("emr-service-role-confused-deputy", role.Address, pinned && !wrongValue,
            !pinned
                ? trusts.Length == 0 ? "no trust policy found for the service role"
                : $"the trust policy lacks {string.Join(" and ", missing.DefaultIfEmpty("the documented tests of the confused-deputy conditions"))}: "
                  + "EMR acting for any account could assume the role"
            : wrongValue ? $"the conditions name {string.Join(", ", accounts.Concat(arns))}: not one account and EMR's resources in it"
            : accounts.Length == 1 ? $"trusted only for EMR of account {accounts[0]} ({EmrRoles.SourceAccountKey}; {EmrRoles.SourceArnKey} {string.Join(", ", arns)})"
            : $"trusted only for this account's EMR resources ({EmrRoles.SourceAccountKey}, {EmrRoles.SourceArnKey})");
    }

    private static JsonNode? First(JsonNode? node) => node is JsonArray array ? array.FirstOrDefault() : node;
}
