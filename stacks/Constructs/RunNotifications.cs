using System.Text.Encodings.Web;

namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// Tells the pipeline's users when a run ends: an EventBridge rule on this cluster's step and state changes, turned
/// into one readable message (which run and cluster, which step, what state, where the logs, report and dashboard
/// are) and published to an SNS topic encrypted with its own KMS key, whose policy lets only this rule publish.
/// Free until someone subscribes, but for the key (KMS bills a customer managed key monthly).
/// </summary>
/// <remarks>
/// Events (EMR Management Guide, "Monitoring Amazon EMR events with CloudWatch" / "Amazon EMR events", emr-manage-cloudwatch-events.html):
/// <c>EMR Step Status Change</c> carries the step's <c>name</c>, <c>state</c>, <c>clusterId</c> and a <c>message</c>
/// such as "Step s-1 (mnist-canary) in Amazon EMR cluster j-1 (mnist-emr-mnist) failed at ..."; <c>EMR Cluster State
/// Change</c> carries the cluster's <c>name</c>. The cluster's id is AWS's, known only once the cluster exists, and the
/// rule must exist before the first step can end, so the rule matches the cluster by its name, which
/// <c>namePrefix</c> makes unique: the cluster's own for state changes, and the name in the step message for step
/// changes (an EventBridge wildcard pattern). The cluster waits for <see cref="Ready"/>, so no step can end unseen.
/// </remarks>
public sealed class RunNotifications : Construct
{
    /// <summary>The step states that end a run badly, or the last step's that ends it well.</summary>
    public static readonly IReadOnlyList<string> StepFailureStates = ["FAILED", "CANCELLED"];

    /// <summary>The cluster states that mean it has ended.</summary>
    public static readonly IReadOnlyList<string> ClusterEndStates = ["TERMINATED", "TERMINATED_WITH_ERRORS"];

    /// <summary>Creates the key, topic, topic policy, rule, target and (with an email) the subscription.</summary>
    public RunNotifications(Construct scope, string id, RunNotificationsProps props) : base(scope, id)
    {
        var partition = new DataAwsPartition(this, "partition").Partition;

        Rule = new CloudwatchEventRule(this, "rule", new CloudwatchEventRuleConfig
        {
            Name = $"{props.NamePrefix}-run-events",
            Description = $"Step failures, the last step's completion and the end of EMR cluster {props.ClusterName}",
            EventPattern = EventPattern(props.ClusterName, props.LastStepName),
        });

        // The account owns the key: the stack's one deploying account (the setting, or the caller's at plan time).
        var account = props.AccountId;

        // EventBridge can publish to an encrypted topic only when the topic's key is a customer managed key whose policy
        // lets events.amazonaws.com use it; the AWS managed alias/aws/sns key's policy cannot be changed
        // (AWS re:Post knowledge center, "Why isn't my Amazon SNS topic receiving Amazon EventBridge notifications?";
        // EventBridge User Guide, "Amazon SNS permissions"). This key serves this topic alone.
        Key = new KmsKey(this, "key", new KmsKeyConfig
        {
            Description = $"{props.NamePrefix}: the run notifications topic of the MNIST pipeline",
            EnableKeyRotation = true,
            // It encrypts messages in flight only: nothing to recover after a deletion, so the shortest window.
            DeletionWindowInDays = 7,
            Policy = PolicyDocument.Json(
                this,
                "key-policy",
                // The account's IAM policies decide who else may manage or use the key.
                PipelineKey.EnableIamPoliciesStatement(partition, account),
                new DataAwsIamPolicyDocumentStatement
                {
                    Sid = "EventBridgePublishesEncrypted",
                    Actions = ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Resources = ["*"],
                    Principals = PolicyDocument.Service(EventsPrincipal),
                }),
        });
        new KmsAlias(this, "key-alias", new KmsAliasConfig { Name = $"alias/{props.NamePrefix}-notifications", TargetKeyId = Key.KeyId });

        Topic = new SnsTopic(this, "topic", new SnsTopicConfig
        {
            Name = $"{props.NamePrefix}-run-notifications",
            DisplayName = "MNIST on EMR",
            KmsMasterKeyId = Key.Arn,
        });

        // Only this rule of this account may publish: no other principal, no other rule (the confused deputy).
        // The account's own users manage and subscribe through their IAM policies, which need no topic statement.
        var topicPolicy = new SnsTopicPolicy(this, "topic-policy", new SnsTopicPolicyConfig
        {
            Arn = Topic.Arn,
            Policy = PolicyDocument.Json(this, "topic-policy-document", new DataAwsIamPolicyDocumentStatement
            {
                Sid = "OnlyThisRulePublishes",
                Actions = ["sns:Publish"],
                Resources = [Topic.Arn],
                Principals = PolicyDocument.Service(EventsPrincipal),
                Condition = new[]
                {
                    new DataAwsIamPolicyDocumentStatementCondition { Test = "ArnEquals", Variable = "aws:SourceArn", Values = [Rule.Arn] },
                    new DataAwsIamPolicyDocumentStatementCondition { Test = "StringEquals", Variable = "aws:SourceAccount", Values = [account] },
                },
            }),
        });

        var target = new CloudwatchEventTarget(this, "target", new CloudwatchEventTargetConfig
        {
            Rule = Rule.Name,
            TargetId = "run-notifications",
            Arn = Topic.Arn,
            InputTransformer = new CloudwatchEventTargetInputTransformer
            {
                InputPaths = new Dictionary<string, string>
                {
                    ["kind"] = "$.detail-type",
                    ["state"] = "$.detail.state",
                    ["message"] = "$.detail.message",
                    ["cluster"] = "$.detail.clusterId",
                    ["time"] = "$.time",
                },
                InputTemplate = MessageTemplate(props),
            },
        });

        if (props.Email is { } email)
        {
            Subscription = new SnsTopicSubscription(this, "email", new SnsTopicSubscriptionConfig
            {
                TopicArn = Topic.Arn,
                Protocol = "email",
                Endpoint = email,
            });
        }

        Ready = [Key, topicPolicy, Rule, target];
    }

    /// <summary>EventBridge's service principal.</summary>
    public const string EventsPrincipal = "events.amazonaws.com";

    /// <summary>The rule.</summary>
    public CloudwatchEventRule Rule { get; }

    /// <summary>The topic.</summary>
    public SnsTopic Topic { get; }

    /// <summary>The topic's key.</summary>
    public KmsKey Key { get; }

    /// <summary>The email subscription; null without <see cref="RunNotificationsProps.Email"/>.</summary>
    public SnsTopicSubscription? Subscription { get; }

    /// <summary>The topic's ARN (subscribe to it).</summary>
    public string TopicArn => Topic.Arn;

    /// <summary>What must exist before the cluster starts, so that no step can end before the rule and its target can publish.</summary>
    public IReadOnlyList<ITerraformDependable> Ready { get; }

    /// <summary>
    /// The rule's pattern: this cluster's failed or cancelled steps, its last step's completion, and its end. A step
    /// event names its cluster only in its message, "... in Amazon EMR cluster j-… (name) ...", hence the wildcard.
    /// </summary>
    public static string EventPattern(string clusterName, string? lastStepName)
    {
        var inCluster = new Dictionary<string, object>[] { new() { ["wildcard"] = $"* in Amazon EMR cluster * ({clusterName}) *" } };
        var cases = new List<object>
        {
            new Dictionary<string, object>
            {
                ["detail-type"] = new[] { "EMR Step Status Change" },
                ["detail"] = new Dictionary<string, object> { ["state"] = StepFailureStates, ["message"] = inCluster },
            },
        };
        if (lastStepName is not null)
        {
            cases.Add(new Dictionary<string, object>
            {
                ["detail-type"] = new[] { "EMR Step Status Change" },
                ["detail"] = new Dictionary<string, object> { ["state"] = new[] { "COMPLETED" }, ["name"] = new[] { lastStepName }, ["message"] = inCluster },
            });
        }
        cases.Add(new Dictionary<string, object>
        {
            ["detail-type"] = new[] { "EMR Cluster State Change" },
            ["detail"] = new Dictionary<string, object> { ["state"] = ClusterEndStates, ["name"] = new[] { clusterName } },
        });
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["source"] = new[] { "aws.emr" }, ["$or"] = cases }, Json);
    }

    // '<' and '>' are the template's own placeholders, and the text is read by EventBridge, not a browser.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One line of plain text: an input template in quotes is sent as a string (EventBridge User Guide, "Transforming
    // target input"), with <name> the values of the input paths. The buckets are named by their outputs, not by name:
    // AWS completes their names at apply, and cdktf's HCL output (cdktf synth --hcl) mangles a string that holds both
    // quotes and an interpolation.
    private static string MessageTemplate(RunNotificationsProps props)
    {
        var run = props.RunId is { } id ? $"run {id}" : "a cluster without the job's steps";
        var report = props.RunId is { } reportRun ? $"runs/{reportRun}/report.html" : "runs/";
        var text = $"MNIST on EMR, {run}: <kind> <state> at <time>. <message> "
            + $"Logs: <cluster>/ under the log bucket's emr/ (output emr_log_uri; each step's under steps/). "
            + $"Report: {report} under S3|3's reports/ (output s3_3_report_uri). Dashboard: {props.DashboardUrl}";
        return JsonSerializer.Serialize(text, Json);
    }
}
