using System.Text.RegularExpressions;

namespace MnistEmr.Review.Core;

/// <summary>
/// One IAM policy's allowed actions as cloudsplaining 0.7.0 counts them for checkov (<c>PolicyDocument</c> and
/// <c>StatementDetail</c> in <c>cloudsplaining/scan/policy_document.py</c> and <c>statement_detail.py</c>, with
/// policy_sentry 0.13.2's wildcard expansion, <c>policy_sentry/analysis/expand.py</c>), on the statements the plan tells.
/// </summary>
/// <remarks>
/// The rules of that code, which this class keeps:
/// <list type="bullet">
/// <item>A wildcard action (<c>s3:Get*</c>, <c>*</c>) stands for every known action it matches, case-insensitively; one
/// that matches none, or an action the table does not know, stays as written.</item>
/// <item>A statement is unconstrained only when one of its resources is exactly <c>*</c> (<c>arn:aws:s3:::*</c> is a
/// resource, not a wildcard) and it has no <c>Condition</c> at all, whatever the condition says.</item>
/// <item><c>NotAction</c> with resource <c>*</c> allows every known action but those; with named resources it allows only
/// actions on those resources, which no rule counts; a statement with <c>NotResource</c> (no <c>Resource</c>) is never
/// unconstrained.</item>
/// <item>An action that only <c>*</c> can name (<c>ec2:DescribeInstances</c>) counts as allowed without constraint by
/// any Allow statement without a condition, whatever its resources; so does an action the table does not know, and
/// one written in another case than the table's (a quirk of cloudsplaining's set difference, kept so the verdicts
/// agree).</item>
/// <item>A Deny statement takes its actions out of the unconstrained sets (whatever its resources and conditions), but
/// not out of the write and permissions-management lists, which cloudsplaining counts statement by statement.</item>
/// </list>
/// </remarks>
internal sealed class IamPolicyAnalysis
{
    private sealed record Statement(bool Allow, bool Deny, bool Wildcard, bool Condition, IReadOnlyList<string> Expanded, IReadOnlyList<string> Restrictable, IReadOnlyList<string> Unrestrictable);

    private readonly IReadOnlyList<Statement> _statements;

    /// <summary>Analyses a policy's statements.</summary>
    public IamPolicyAnalysis(IReadOnlyList<PolicyStatement> statements)
    {
        // cloudsplaining raises on a statement with neither Action nor NotAction (checkov then reports the rule unknown);
        // here it is a statement the plan does not tell, which no rule can pass.
        Unreadable = statements.Any(s => s.Actions.Count == 0 && s.NotActions.Count == 0);
        _statements = statements.Where(s => s.Actions.Count > 0 || s.NotActions.Count > 0).Select(Analyse).ToArray();
    }

    /// <summary>Whether some statement names no action the plan knows (no Action or NotAction, or one set by a reference).</summary>
    public bool Unreadable { get; }

    /// <summary>
    /// cloudsplaining's <c>all_allowed_unrestricted_actions</c>: the restrictable actions of Allow statements on resource
    /// <c>*</c> without a condition, less those a Deny statement names (what CKV_AWS_355 and CKV_AWS_356 fail on).
    /// </summary>
    public IReadOnlyList<string> UnrestrictedActions => WithoutDenied(_statements
        .Where(s => s.Wildcard && !s.Condition && s.Allow && s.Restrictable.Count > 0).SelectMany(s => s.Restrictable));

    /// <summary>cloudsplaining's <c>all_allowed_unrestrictable_actions</c>: what Allow statements without a condition allow that no ARN can restrict.</summary>
    public IReadOnlyList<string> UnrestrictableActions => WithoutDenied(_statements
        .Where(s => s.Allow && !s.Condition && s.Unrestrictable.Count > 0).SelectMany(s => s.Unrestrictable));

    /// <summary>cloudsplaining's <c>allows_privilege_escalation</c>: each method whose every action is allowed without constraint.</summary>
    public IReadOnlyList<(string Method, IReadOnlyList<string> Actions)> PrivilegeEscalations
    {
        get
        {
            var allowed = UnrestrictedActions.Concat(UnrestrictableActions).Select(a => a.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            return IamActions.PrivilegeEscalationMethods.Where(m => m.Value.All(allowed.Contains))
                .Select(m => (m.Key, (IReadOnlyList<string>)m.Value)).ToArray();
        }
    }

    /// <summary>cloudsplaining's <c>permissions_management_without_constraints</c> (CKV_AWS_109, CKV_AWS_289).</summary>
    public IReadOnlyList<string> PermissionsManagementWithoutConstraints => WithoutConstraints(IamActions.AccessLevel.PermissionsManagement);

    /// <summary>cloudsplaining's <c>write_actions_without_constraints</c> (CKV_AWS_111, CKV_AWS_290).</summary>
    public IReadOnlyList<string> WriteWithoutConstraints => WithoutConstraints(IamActions.AccessLevel.Write);

    /// <summary>cloudsplaining's <c>allows_data_exfiltration_actions</c> (CKV_AWS_108, CKV_AWS_288).</summary>
    public IReadOnlyList<string> DataExfiltration => AllowedWithoutConstraints(IamActions.DataExfiltration);

    /// <summary>cloudsplaining's <c>credentials_exposure</c>, before checkov takes out its one exclusion (CKV_AWS_107, CKV_AWS_287).</summary>
    public IReadOnlyList<string> CredentialsExposure => AllowedWithoutConstraints(IamActions.ReturnCredentials);

    // allows_specific_actions_without_constraints: the named actions (any case) among the unconstrained ones, spelled as there.
    private string[] AllowedWithoutConstraints(IEnumerable<string> specific)
    {
        var unrestricted = Lowered(UnrestrictedActions);
        var unrestrictable = Lowered(UnrestrictableActions);
        return specific.Select(a => a.ToLowerInvariant())
            .Select(a => unrestricted.GetValueOrDefault(a) ?? unrestrictable.GetValueOrDefault(a))
            .OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    private static Dictionary<string, string> Lowered(IEnumerable<string> actions)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var action in actions)
            map[action.ToLowerInvariant()] = action;
        return map;
    }

    // Per statement: Allow on resource "*" with restrictable actions and no condition; the actions at one level.
    private string[] WithoutConstraints(IamActions.AccessLevel level) => _statements
        .Where(s => s.Allow && s.Wildcard && s.Restrictable.Count > 0 && !s.Condition)
        .SelectMany(s => s.Restrictable.Where(a => Level(a) == level)).Order(StringComparer.Ordinal).ToArray();

    private static IamActions.AccessLevel? Level(string action) =>
        action.Split(':', 2) is [var service, var name] ? IamActions.Find(service.ToLowerInvariant(), name)?.Level : null;

    private string[] WithoutDenied(IEnumerable<string> allowed)
    {
        var denied = _statements.Where(s => s.Deny).SelectMany(s => s.Expanded).ToHashSet(StringComparer.Ordinal);
        return allowed.Where(a => !denied.Contains(a)).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    private static Statement Analyse(PolicyStatement statement)
    {
        var allow = statement.Effect == "Allow";
        var deny = statement.Effect == "Deny";
        var wildcard = statement.LiteralResources.Contains("*");
        IReadOnlyList<string> expanded;
        if (statement.Actions.Count > 0)
            expanded = statement.Actions.SelectMany(Expand).ToArray();
        else if (allow && wildcard)
        {
            var excluded = statement.NotActions.SelectMany(Expand).Select(a => a.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            expanded = IamActions.All.Select(a => a.Name).Where(a => !excluded.Contains(a.ToLowerInvariant())).ToArray();
        }
        else
        {
            // NotAction on named resources allows only actions of those resources' types: all restrictable, on named
            // resources, so none counts for any rule; on Deny cloudsplaining takes nothing.
            expanded = [];
        }

        // remove_wildcard_only_actions: known actions a resource ARN can restrict, spelled as the table spells them.
        var restrictable = expanded.Distinct(StringComparer.Ordinal)
            .Select(a => a.Split(':', 2) is [var service, var name] ? IamActions.Find(service, name) : null)
            .Where(a => a is { Restrictable: true }).Select(a => a!.Name).Distinct(StringComparer.Ordinal).ToArray();
        var unrestrictable = expanded.Except(restrictable, StringComparer.Ordinal).ToArray();
        return new Statement(allow, deny, wildcard, statement.HasCondition, expanded, restrictable, unrestrictable);
    }

    /// <summary>policy_sentry's <c>expand</c>: an action with <c>*</c> becomes the known actions it matches (case-insensitively, as a shell pattern).</summary>
    public static IReadOnlyList<string> Expand(string action)
    {
        if (!action.Contains('*', StringComparison.Ordinal))
            return [action];
        if (action == "*")
            return IamActions.All.Select(a => a.Name).ToArray();
        var pattern = ShellPattern(action.ToLowerInvariant());
        var matched = IamActions.OfService(action.Split(':', 2)[0]).Select(a => a.Name).Where(a => pattern.IsMatch(a.ToLowerInvariant())).ToArray();
        return matched.Length > 0 ? matched : [action];
    }

    // fnmatch.fnmatchcase's pattern: * any run, ? one character, [...] a set ([!...] its complement); the rest literal.
    private static Regex ShellPattern(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var close = c == '[' ? pattern.IndexOf(']', i + 2) : -1;
            if (c == '*')
                regex.Append(".*");
            else if (c == '?')
                regex.Append('.');
            else if (close > 0)
            {
                var set = pattern[(i + 1)..close];
                regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                i = close;
            }
            else
                regex.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
