namespace MnistEmr.Review.Core;

/// <summary>
/// The security checks of the parts around a run (<see cref="MnistEmr.Contract.PipelineNodes.Monitoring"/>): the
/// notifications topic encrypted with a key EventBridge can use and open to no one but its rule, and the EMR Studio's
/// security groups closed to everything but each other. Found by resource type, whatever their names.
/// </summary>
internal static class MonitoringChecks
{
    /// <summary>The KMS key SNS uses when none is named, whose policy cannot let EventBridge publish.</summary>
    public const string AwsManagedSnsKey = "alias/aws/sns";

    /// <summary>Every check of the plan's topics and Studios; none when the plan has neither.</summary>
    public static IEnumerable<SecurityCheck> Of(TerraformPlan plan)
    {
        foreach (var topic in plan.OfType("aws_sns_topic").Where(t => t.Action != ChangeAction.Delete))
        {
            yield return TopicEncrypted(plan, topic);
            yield return TopicNotPublic(plan, topic);
        }
        foreach (var studio in plan.OfType("aws_emr_studio").Where(s => s.Action != ChangeAction.Delete))
            yield return StudioGroupsClosed(plan, studio);
    }

    // SNS server-side encryption is on when the topic names a key (SNS Developer Guide, "Encryption at rest"); the AWS
    // managed key encrypts, but EventBridge cannot publish to a topic that uses it (its policy cannot name EventBridge).
    private static SecurityCheck TopicEncrypted(TerraformPlan plan, PlanResource topic)
    {
        var given = (string?)topic.Values?["kms_master_key_id"];
        var key = topic.ReferencesAt("kms_master_key_id").FirstOrDefault(a => plan.Find(a)?.Type == "aws_kms_key");
        var passed = key is not null || (given is { Length: > 0 } && given != AwsManagedSnsKey);
        return new SecurityCheck("sns-topic-encrypted", topic.Address, passed,
            key is not null ? $"encrypted with {key}, a customer managed key"
            : given == AwsManagedSnsKey ? $"encrypted with {AwsManagedSnsKey}, whose policy cannot let EventBridge publish: its notifications are lost"
            : given is { Length: > 0 } ? $"encrypted with {given}"
            : topic.IsUnknown("kms_master_key_id") ? "its key is known only after apply and is none of this plan's keys"
            : "not encrypted: messages rest in plain text");
    }

    // The topic's policy may let AWS services publish, each bound to this account's resource (aws:SourceArn or
    // aws:SourceAccount), and no one else: no "*" and no other account.
    private static SecurityCheck TopicNotPublic(TerraformPlan plan, PlanResource topic)
    {
        var policy = plan.OfType("aws_sns_topic_policy").FirstOrDefault(p => p.ReferencesAt("arn").Contains(topic.Address));
        if (policy is null)
            return new SecurityCheck("sns-topic-not-public", topic.Address, false, "no topic policy: SNS's default lets any principal of the account publish and subscribe, EventBridge none");
        var allows = PolicyStatement.Of(plan, policy, "policy").Where(s => s.Effect == "Allow").ToArray();
        var open = allows.Where(s => s.Principals.Count == 0 || s.Principals.Any(p => p == "*" || !p.EndsWith(".amazonaws.com", StringComparison.Ordinal))).ToArray();
        var unbound = allows.Except(open).Where(s => !s.Conditions.Any(c => c.Variable is "aws:SourceArn" or "aws:SourceAccount")).ToArray();
        var passed = allows.Length > 0 && open.Length == 0 && unbound.Length == 0;
        return new SecurityCheck("sns-topic-not-public", topic.Address, passed,
            passed ? $"only {string.Join(", ", allows.SelectMany(s => s.Principals).Distinct())} may publish, for this stack's source ({policy.Address})"
            : allows.Length == 0 ? $"{policy.Address} allows nothing: EventBridge cannot publish"
            : open.Length > 0 ? $"{policy.Address} allows {string.Join(", ", open.SelectMany(s => s.Principals.DefaultIfEmpty("an unnamed principal")).Distinct())}, not only AWS services"
            : $"{policy.Address} lets a service publish for any source (no aws:SourceArn or aws:SourceAccount condition): the confused deputy");
    }

    // EMR Studio's groups (EMR Management Guide, "Define security groups to control EMR Studio network traffic"): the
    // engine admits the workspaces on 18888 only, the workspace admits nothing; no rule names a CIDR.
    private static SecurityCheck StudioGroupsClosed(TerraformPlan plan, PlanResource studio)
    {
        var engine = studio.ReferencesAt("engine_security_group_id").FirstOrDefault();
        var workspace = studio.ReferencesAt("workspace_security_group_id").FirstOrDefault();
        if (engine is null || workspace is null)
            return new SecurityCheck("studio-security-groups-closed", studio.Address, false, "the Studio's engine or workspace group is not one of this plan's: its rules cannot be read");
        var problems = new List<string>();
        foreach (var rule in plan.OfType("aws_vpc_security_group_ingress_rule"))
        {
            var group = rule.ReferencesAt("security_group_id").FirstOrDefault();
            if (group != engine && group != workspace)
                continue;
            var cidr = (string?)rule.Values?["cidr_ipv4"] ?? (string?)rule.Values?["cidr_ipv6"];
            var source = rule.ReferencesAt("referenced_security_group_id").FirstOrDefault();
            var port = ((int?)rule.Values?["from_port"], (int?)rule.Values?["to_port"]);
            if (cidr is not null)
                problems.Add($"{rule.Address} admits {cidr}");
            else if (group == workspace)
                problems.Add($"{rule.Address} admits traffic into the workspace group");
            else if (source != workspace || port != (NotebookStudio.GatewayPort, NotebookStudio.GatewayPort))
                problems.Add($"{rule.Address} admits more than the workspaces on {NotebookStudio.GatewayPort}");
        }
        foreach (var address in new[] { engine, workspace })
            if ((plan.Find(address)?.Values?["ingress"]?.AsArray().Count ?? 0) > 0)
                problems.Add($"{address} has inline ingress rules");
        return new SecurityCheck("studio-security-groups-closed", studio.Address, problems.Count == 0,
            problems.Count == 0 ? $"{engine} admits only {workspace} on {NotebookStudio.GatewayPort}; {workspace} admits nothing" : string.Join("; ", problems));
    }
}
