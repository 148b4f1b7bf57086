namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// Everything AWS itself writes into the log bucket: the VPC's flow logs and the other buckets' S3 server access logs,
/// with the log bucket's policy allowing exactly those deliveries, declared here so that AWS does not add (and
/// Terraform then remove) statements of its own.
/// </summary>
public sealed class LogDelivery : Construct
{
    /// <summary>Where in the log bucket each bucket's access logs go: <c>s3-access/&lt;construct id&gt;/</c>.</summary>
    public const string AccessLogPrefix = "s3-access/";

    /// <summary>Where in the log bucket the flow logs go (AWS adds <c>AWSLogs/&lt;account&gt;/vpcflowlogs/…</c>).</summary>
    public const string FlowLogPrefix = "vpc-flow-logs/";

    /// <summary>Creates the access logging of each bucket, the flow log, and the log bucket's delivery statements.</summary>
    public LogDelivery(Construct scope, string id, LogDeliveryProps props) : base(scope, id)
    {
        var partition = new DataAwsPartition(this, "partition").Partition;
        var target = props.Target;

        foreach (var bucket in props.LoggedBuckets)
            bucket.LogAccessTo(target, $"{AccessLogPrefix}{bucket.PipelineNode.ConstructId}/");

        var account = props.AccountId;
        // The flow-log deliveries name the account and the region's log service (the VPC User Guide's "Amazon S3 bucket
        // permissions for flow logs", flow-logs-s3-permissions.html).
        DataAwsIamPolicyDocumentStatementCondition[] FromThisAccountsLogs() =>
        [
            new() { Test = "StringEquals", Variable = "aws:SourceAccount", Values = [account] },
            new() { Test = "ArnLike", Variable = "aws:SourceArn", Values = [$"arn:{partition}:logs:{props.Region}:{account}:*"] },
        ];

        target.AllowInPolicy("log-delivery",
        [
            // The S3 User Guide's grant to the logging service principal ("Enabling Amazon S3 server access logging",
            // enable-server-access-logging.html#grant-log-delivery-permissions-bucket-policy): with ACLs disabled
            // (BucketOwnerEnforced) a bucket policy is the only way; only the logged buckets, only under their prefix.
            new()
            {
                Sid = "S3ServerAccessLogsPolicy",
                Principals = PolicyDocument.Service("logging.s3.amazonaws.com"),
                Actions = ["s3:PutObject"],
                Resources = [$"{target.BucketArn}/{AccessLogPrefix}*"],
                Condition = Conditions(
                [
                    new() { Test = "ArnLike", Variable = "aws:SourceArn", Values = props.LoggedBuckets.Select(b => b.BucketArn).ToArray() },
                    new() { Test = "StringEquals", Variable = "aws:SourceAccount", Values = [account] },
                ]),
            },
            // The VPC User Guide's two statements for flow logs to S3; AWS adds them itself when a flow log is created
            // and the policy lacks them, which Terraform would then take away again on the next apply.
            new()
            {
                Sid = "AWSLogDeliveryWrite",
                Principals = PolicyDocument.Service("delivery.logs.amazonaws.com"),
                Actions = ["s3:PutObject"],
                Resources = [$"{target.BucketArn}/{FlowLogPrefix}AWSLogs/{account}/*"],
                Condition = Conditions(
                [
                    new() { Test = "StringEquals", Variable = "s3:x-amz-acl", Values = ["bucket-owner-full-control"] },
                    .. FromThisAccountsLogs(),
                ]),
            },
            new()
            {
                Sid = "AWSLogDeliveryAclCheck",
                Principals = PolicyDocument.Service("delivery.logs.amazonaws.com"),
                Actions = ["s3:GetBucketAcl"],
                Resources = [target.BucketArn],
                Condition = FromThisAccountsLogs(),
            },
        ]);

        FlowLog = new FlowLog(this, "vpc-flow-log", new FlowLogConfig
        {
            VpcId = props.VpcId,
            LogDestinationType = "s3",
            LogDestination = $"{target.BucketArn}/{FlowLogPrefix}",
            TrafficType = "ALL",
            // Ten-minute records: the flows of a run, at a sixth of the one-minute interval's objects.
            MaxAggregationInterval = 600,
            Tags = new Dictionary<string, string> { ["Name"] = $"{props.NamePrefix}-vpc-flow-log" },
            // With the delivery statements in place first, AWS finds them and leaves the policy as declared.
            DependsOn = [target.Policy],
        });
    }

    // The binding types conditions as object (a list or a token); a typed array keeps the list's element type.
    private static DataAwsIamPolicyDocumentStatementCondition[] Conditions(DataAwsIamPolicyDocumentStatementCondition[] conditions) => conditions;

    /// <summary>The VPC's flow log.</summary>
    public FlowLog FlowLog { get; }
}
