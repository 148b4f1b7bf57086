using System.Text.RegularExpressions;

namespace MnistEmr.Review.Core;

/// <summary>
/// checkov's IAM rules on a plan's policies, documents and roles, each judged as its source decides it (bridgecrewio/
/// checkov, commit 03d5fdad8d6154b1565799a7b1fb8070c158866f: <c>checkov/terraform/checks/resource/aws/IAM*.py</c>,
/// <c>checkov/terraform/checks/data/aws/*.py</c> and the cloudsplaining bases they share,
/// <c>base_cloudsplaining_resource_iam_check.py</c> and <c>data/base_cloudsplaining_data_iam_check.py</c>), as findings;
/// and the review's check for each rule, which fails on each finding no scanner exception covers.
/// </summary>
/// <remarks>
/// Policies are read as the rest of the review reads them (<see cref="PolicyStatement"/>): the rendered JSON where the
/// plan knows it, else the <c>aws_iam_policy_document</c> that writes it. A policy the plan cannot tell (known only
/// after apply, written by no document) fails every rule on it: checkov would pass it unread, a gate cannot.
/// </remarks>
internal static class IamRules
{
    /// <summary>What a rule judges.</summary>
    internal enum Subject
    {
        /// <summary>Identity policies: <c>aws_iam_role_policy</c>, <c>aws_iam_user_policy</c>, <c>aws_iam_group_policy</c>, <c>aws_iam_policy</c>, <c>aws_ssoadmin_permission_set_inline_policy</c>.</summary>
        Policy,

        /// <summary>Every <c>aws_iam_policy_document</c> data source, whatever it is used for (checkov cannot tell).</summary>
        Document,

        /// <summary><c>aws_iam_role</c> (and, for CKV_AWS_274, the policy attachments).</summary>
        Role,
    }

    /// <summary>One rule.</summary>
    /// <param name="Id">checkov's id.</param>
    /// <param name="Check">The review's check that answers it.</param>
    /// <param name="Subject">What it judges.</param>
    /// <param name="Risk">What a failure finds, as "no ..." completes it: "privilege escalation".</param>
    internal sealed record Rule(string Id, string Check, Subject Subject, string Risk);

    /// <summary>Every rule judged, in the order the checks are listed.</summary>
    public static readonly IReadOnlyList<Rule> All =
    [
        new("CKV_AWS_62", "iam-policy-no-admin", Subject.Policy, "full administrator (\"*\" on \"*\")"),
        new("CKV_AWS_63", "iam-policy-no-star-action", Subject.Policy, "action \"*\""),
        new("CKV_AWS_286", "iam-policy-no-privilege-escalation", Subject.Policy, "privilege escalation"),
        new("CKV_AWS_287", "iam-policy-no-credentials-exposure", Subject.Policy, "unconstrained action that returns credentials"),
        new("CKV_AWS_288", "iam-policy-no-data-exfiltration", Subject.Policy, "unconstrained data exfiltration action"),
        new("CKV_AWS_289", "iam-policy-no-unconstrained-permissions-management", Subject.Policy, "permissions management on \"*\" without a condition"),
        new("CKV_AWS_290", "iam-policy-no-unconstrained-write", Subject.Policy, "write action on \"*\" without a condition"),
        new("CKV_AWS_355", "iam-policy-no-star-resource", Subject.Policy, "restrictable action on \"*\" without a condition"),
        new("CKV_AWS_1", "iam-document-no-admin", Subject.Document, "full administrator (\"*\" on \"*\")"),
        new("CKV_AWS_49", "iam-document-no-star-action", Subject.Document, "action \"*\""),
        new("CKV_AWS_110", "iam-document-no-privilege-escalation", Subject.Document, "privilege escalation"),
        new("CKV_AWS_107", "iam-document-no-credentials-exposure", Subject.Document, "unconstrained action that returns credentials"),
        new("CKV_AWS_108", "iam-document-no-data-exfiltration", Subject.Document, "unconstrained data exfiltration action"),
        new("CKV_AWS_109", "iam-document-no-unconstrained-permissions-management", Subject.Document, "permissions management on \"*\" without a condition"),
        new("CKV_AWS_111", "iam-document-no-unconstrained-write", Subject.Document, "write action on \"*\" without a condition"),
        new("CKV_AWS_356", "iam-document-no-star-resource", Subject.Document, "restrictable action on \"*\" without a condition"),
        new("CKV_AWS_283", "iam-document-no-public-principal", Subject.Document, "grant to any AWS principal (\"*\") without a condition"),
        new("CKV_AWS_60", "iam-role-not-publicly-assumable", Subject.Role, "trust in any AWS principal (\"*\")"),
        new("CKV_AWS_61", "iam-role-not-assumable-by-account", Subject.Role, "trust in a whole account"),
        new("CKV_AWS_274", "iam-no-administrator-access", Subject.Role, "AdministratorAccess"),
    ];

    /// <summary>The identity policy resources and the attribute holding each one's document (checkov's supported resources).</summary>
    public static readonly IReadOnlyDictionary<string, string> PolicyTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["aws_iam_role_policy"] = "policy",
        ["aws_iam_user_policy"] = "policy",
        ["aws_iam_group_policy"] = "policy",
        ["aws_iam_policy"] = "policy",
        ["aws_ssoadmin_permission_set_inline_policy"] = "inline_policy",
    };

    /// <summary>The AWS managed policy CKV_AWS_274 refuses, compared exactly (the <c>aws</c> partition only, as there).</summary>
    public const string AdministratorAccessArn = "arn:aws:iam::aws:policy/AdministratorAccess";

    // CKV_AWS_274's attachment types and the attribute naming the policy.
    private static readonly (string Type, string Attribute)[] AttachmentTypes =
    [
        ("aws_iam_policy_attachment", "policy_arn"), ("aws_iam_role_policy_attachment", "policy_arn"),
        ("aws_iam_user_policy_attachment", "policy_arn"), ("aws_iam_group_policy_attachment", "policy_arn"),
        ("aws_ssoadmin_managed_policy_attachment", "managed_policy_arn"),
    ];

    // CKV_AWS_61's ACCOUNT_ACCESS, applied with re.match: anchored at the start only.
    private static readonly Regex AccountAccess = new(@"^(?:\d{12}|arn:aws:iam::\d{12}:root)", RegexOptions.CultureInvariant);

    /// <summary>Every rule's finding on every live resource it concerns (the documents only when the plan creates or keeps something).</summary>
    public static IReadOnlyList<ScannerFinding> Findings(TerraformPlan plan)
    {
        var found = new List<ScannerFinding>();
        foreach (var policy in plan.Managed.Where(r => r.Action != ChangeAction.Delete && PolicyTypes.ContainsKey(r.Type)))
        {
            var attribute = PolicyTypes[policy.Type];
            var readable = PolicyStatement.IsReadable(plan, policy, attribute);
            found.AddRange(JudgePolicy(Subject.Policy, policy.Address, PolicyName(policy), readable ? PolicyStatement.Of(plan, policy, attribute) : null));
        }

        // A destroy leaves no policy behind: the documents it reads grant nothing that stays.
        if (plan.Managed.Any(r => r.Action != ChangeAction.Delete))
            foreach (var document in plan.DataSources("aws_iam_policy_document"))
                found.AddRange(JudgePolicy(Subject.Document, document.Address, DocumentName(plan, document), PolicyStatement.OwnStatements(document)));

        foreach (var role in plan.OfType("aws_iam_role").Where(r => r.Action != ChangeAction.Delete))
            found.AddRange(JudgeRole(plan, role));
        foreach (var (type, attribute) in AttachmentTypes)
            foreach (var attachment in plan.OfType(type).Where(r => r.Action != ChangeAction.Delete))
            {
                var arn = (string?)attachment.Values?[attribute];
                var admin = arn == AdministratorAccessArn;
                found.Add(new("CKV_AWS_274", attachment.Address, admin, admin ? $"attaches {AdministratorAccessArn}" : $"attaches {arn ?? "a policy known only after apply"}"));
            }
        return found;
    }

    /// <summary>
    /// The review's checks of these rules: for each rule that judged something, a failed check on each finding no
    /// exception covers, or else one passing check saying how many it judged and which failures are excepted.
    /// </summary>
    public static IEnumerable<SecurityCheck> Checks(IReadOnlyList<ScannerFinding> findings, ScannerVerdict verdict)
    {
        foreach (var rule in All)
        {
            var judged = findings.Where(f => f.Rule == rule.Id).Select(f => f.Resource).Distinct().ToArray();
            if (judged.Length == 0)
                continue;
            var failing = verdict.Unexcepted.Where(f => f.Rule == rule.Id).ToArray();
            foreach (var finding in failing)
                yield return new SecurityCheck(rule.Check, finding.Resource, false, $"{rule.Id}: {finding.Detail}");
            if (failing.Length > 0)
                continue;
            var excepted = verdict.Held.Where(e => e.Rule == rule.Id).Select(e => e.Resource).Distinct().ToArray();
            var noun = rule.Subject switch
            {
                Subject.Policy => judged.Length == 1 ? "IAM policy" : "IAM policies",
                Subject.Document => judged.Length == 1 ? "IAM policy document" : "IAM policy documents",
                _ when rule.Id == "CKV_AWS_274" => judged.Length == 1 ? "IAM role or policy attachment" : "IAM roles and policy attachments",
                _ => judged.Length == 1 ? "IAM role" : "IAM roles",
            };
            yield return new SecurityCheck(rule.Check, SubjectName(rule.Subject), true,
                $"{rule.Id}: no {rule.Risk} in the {(judged.Length == 1 ? "one" : judged.Length.ToString(CultureInfo.InvariantCulture))} {noun}"
                + (excepted.Length == 0 ? "" : $" but {excepted.Length}, which fail on purpose (excepted: {string.Join(", ", excepted)}; see the scanner exceptions)"));
        }
    }

    /// <summary>What a rule's passing check names as its resource.</summary>
    public static string SubjectName(Subject subject) => subject switch
    {
        Subject.Policy => "IAM policies",
        Subject.Document => "IAM policy documents",
        _ => "IAM roles",
    };

    private static IEnumerable<ScannerFinding> JudgePolicy(Subject subject, string address, string name, IReadOnlyList<PolicyStatement>? statements)
    {
        var analysis = statements is null ? null : new IamPolicyAnalysis(statements);
        foreach (var rule in All.Where(r => r.Subject == subject))
        {
            if (statements is null || analysis!.Unreadable)
            {
                yield return new(rule.Id, address, true, statements is null
                    ? $"{name}: known only after apply and written by no aws_iam_policy_document of the plan, so the rule cannot be judged"
                    : $"{name}: a statement names no action the plan knows (no Action or NotAction, or one set by a reference), so the rule cannot be judged");
                continue;
            }
            var offending = Offending(rule.Id, statements, analysis);
            yield return new(rule.Id, address, offending is not null, $"{name}: {offending ?? "no " + rule.Risk}");
        }
    }

    // "allows ..." of a failed rule, naming the actions; null when the rule passes.
    private static string? Offending(string rule, IReadOnlyList<PolicyStatement> statements, IamPolicyAnalysis analysis)
    {
        // The plain rules: Allow statements (Effect absent counts as Allow) whose Action (not NotAction) holds "*".
        var allows = statements.Where(s => s.Effect == "Allow" && s.Actions.Count > 0).ToArray();
        switch (rule)
        {
            case "CKV_AWS_62" or "CKV_AWS_1":
                return allows.Any(s => s.Actions.Contains("*") && s.LiteralResources.Contains("*")) ? "allows every action (\"*\") on every resource (\"*\")" : null;
            case "CKV_AWS_63" or "CKV_AWS_49":
                return allows.Any(s => s.Actions.Contains("*")) ? "allows every action (\"*\")" : null;
            case "CKV_AWS_286" or "CKV_AWS_110":
                var escalations = analysis.PrivilegeEscalations;
                return escalations.Count == 0 ? null
                    : $"allows privilege escalation without resource constraints: {string.Join("; ", escalations.Take(3).Select(e => $"{e.Method} ({string.Join(", ", e.Actions)})"))}"
                      + (escalations.Count > 3 ? $" and {escalations.Count - 3} more methods" : "");
            case "CKV_AWS_287" or "CKV_AWS_107":
                var credentials = analysis.CredentialsExposure.Where(a => a != IamActions.CredentialsExposureExcluded).ToArray();
                return credentials.Length == 0 ? null : $"allows {List(credentials)} without resource constraints, which return credentials";
            case "CKV_AWS_288" or "CKV_AWS_108":
                var reads = analysis.DataExfiltration;
                return reads.Count == 0 ? null : $"allows {List(reads)} without resource constraints (data exfiltration)";
            case "CKV_AWS_289" or "CKV_AWS_109":
                var management = analysis.PermissionsManagementWithoutConstraints;
                return management.Count == 0 ? null : $"allows the permissions management actions {List(management)} on \"*\" without a condition";
            case "CKV_AWS_290" or "CKV_AWS_111":
                var writes = analysis.WriteWithoutConstraints;
                return writes.Count == 0 ? null : $"allows the write actions {List(writes)} on \"*\" without a condition";
            case "CKV_AWS_355" or "CKV_AWS_356":
                var unrestricted = analysis.UnrestrictedActions;
                return unrestricted.Count == 0 ? null : $"allows {List(unrestricted)} on \"*\" without a condition, though a resource ARN can restrict them";
            case "CKV_AWS_283":
                // IAMPublicActionsPolicy.py: a statement without condition, not Deny, with a principal of type AWS naming "*".
                var open = statements.FirstOrDefault(s => !s.HasCondition && s.Effect != "Deny"
                    && s.PrincipalsByType.Any(p => p.Type == "AWS" && p.Identifiers.Contains("*")));
                return open is null ? null : $"allows any AWS principal (\"*\") {List(open.Actions.Count > 0 ? open.Actions : open.NotActions.Select(a => "all but " + a).ToArray())} without a condition";
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "no policy rule of that id");
        }
    }

    /// <summary>
    /// The check that a role's trust policy names who may assume it: no statement that is not a Deny allows any principal,
    /// <c>"Principal": "*"</c> or <c>{"AWS": "*"}</c>. It judges the trust statements that CKV_AWS_60 reads (<see cref="JudgeRole"/>).
    /// </summary>
    /// <remarks>
    /// The review's own: checkov's CKV_AWS_60 reads only <c>Principal.AWS</c> (IAMRoleAllowsPublicAssume.py), so a bare
    /// <c>"Principal": "*"</c>, which lets anyone with AWS credentials assume the role, passes it. Unlike the scanner
    /// rules no condition clears it: a condition on such a statement is the only thing between the role and every
    /// account, and this stack's roles trust AWS services and nothing else. A trust policy the plan cannot read fails, as
    /// CKV_AWS_60 does.
    /// </remarks>
    public static SecurityCheck RoleTrustCheck(TerraformPlan plan, PlanResource role)
    {
        var name = RoleName(role);
        if (TrustStatements(plan, role) is not { } trust)
            return new SecurityCheck("iam-role-trust-not-anyone", role.Address, false, UnreadTrust(name, "who may assume it"));
        var anyone = trust.Any(s => s.Effect != "Deny" && s.PrincipalsByType.Any(p => p.Type == "*" || (p.Type == "AWS" && p.Identifiers.Contains("*"))));
        return new SecurityCheck("iam-role-trust-not-anyone", role.Address, !anyone,
            anyone ? $"{name}: its trust policy lets any principal (\"*\") assume it" : $"{name}: its trust policy names who may assume it");
    }

    private static IEnumerable<ScannerFinding> JudgeRole(TerraformPlan plan, PlanResource role)
    {
        var name = RoleName(role);
        var trust = TrustStatements(plan, role);
        var readable = trust is not null;
        // IAMRoleAllowsPublicAssume.py and IAMRoleAllowAssumeFromAccount.py: the trust policy's non-Deny statements'
        // Principal.AWS (a bare "Principal": "*" has no AWS key, and neither rule reads it).
        var principals = trust?.Where(s => s.Effect != "Deny")
            .SelectMany(s => s.PrincipalsByType.Where(p => p.Type == "AWS").SelectMany(p => p.Identifiers)).ToArray() ?? [];
        var unread = UnreadTrust(name, "the rule");
        var open = principals.Contains("*");
        yield return new("CKV_AWS_60", role.Address, !readable || open,
            !readable ? unread : open ? $"{name}: any AWS principal (\"*\") may assume it" : $"{name}: no AWS principal \"*\" in its trust policy");
        var accounts = principals.Where(p => AccountAccess.IsMatch(p)).ToArray();
        yield return new("CKV_AWS_61", role.Address, !readable || accounts.Length > 0,
            !readable ? unread : accounts.Length > 0 ? $"{name}: trusts the account {string.Join(", ", accounts)}, so any principal the account allows may assume it"
            : $"{name}: trusts no whole account");
        var managed = (role.Values?["managed_policy_arns"] as JsonArray ?? []).Select(a => (string?)a).ToArray();
        var admin = managed.Contains(AdministratorAccessArn);
        yield return new("CKV_AWS_274", role.Address, admin, admin ? $"{name}: managed_policy_arns holds {AdministratorAccessArn}" : $"{name}: no AdministratorAccess in managed_policy_arns");
    }

    // A role's trust statements (assume_role_policy), which both role checks judge; null when the plan cannot read them.
    private static IReadOnlyList<PolicyStatement>? TrustStatements(TerraformPlan plan, PlanResource role) =>
        PolicyStatement.IsReadable(plan, role, "assume_role_policy") ? PolicyStatement.Of(plan, role, "assume_role_policy") : null;

    private static string RoleName(PlanResource role) => $"role {(string?)role.Values?["name"] ?? role.Address}";

    // A trust policy the plan cannot read: its JSON comes from a reference that no policy document of the plan writes.
    private static string UnreadTrust(string role, string judged) =>
        $"{role}: its trust policy is known only after apply and written by no aws_iam_policy_document of the plan, so {judged} cannot be judged";

    // "policy emr-studio of aws_iam_role.notebooks_service_role" (the role as the policy names it).
    private static string PolicyName(PlanResource policy)
    {
        var name = (string?)policy.Values?["name"] is { } known ? $"policy {known}" : $"policy {policy.Address}";
        var owner = new[] { "role", "user", "group" }.Select(k => policy.ReferencesAt(k).FirstOrDefault(a => !a.StartsWith("var.", StringComparison.Ordinal))).FirstOrDefault(a => a is not null);
        return owner is null ? name : $"{name} of {owner}";
    }

    // "document of aws_kms_key.kms_key" (the resources and documents whose configuration names it), or the document alone.
    private static string DocumentName(TerraformPlan plan, PlanResource document)
    {
        var users = plan.Resources.Concat(plan.ReadWhilePlanning).Where(r => r.Address != document.Address && r.ReferencesAt().Contains(document.Address))
            .Select(r => r.Address).Distinct().ToArray();
        return users.Length == 0 ? $"document {document.Address}" : $"document of {string.Join(", ", users)}";
    }

    // The first few actions by name (cloudsplaining lists an action once per statement that allows it: once here).
    private static string List(IReadOnlyList<string> actions)
    {
        var names = actions.Distinct(StringComparer.Ordinal).ToArray();
        return names.Length <= 4 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(4))} and {names.Length - 4} more";
    }
}
