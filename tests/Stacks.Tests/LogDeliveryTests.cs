using static MnistEmr.Stacks.Tests.StorageTests;

namespace MnistEmr.Stacks.Tests;

/// <summary>The VPC's flow logs and the buckets' access logs into the log bucket, and the log bucket's delivery statements.</summary>
[TestFixture]
public class LogDeliveryTests
{
    private static SynthesizedStack Stack => Configs.DefaultSynth;

    private static readonly string LogBucketArn = SynthesizedStack.Ref("aws_s3_bucket", $"{LogBucketId}_bucket", "arn");

    private static JsonNode Statement(SynthesizedStack stack, string sid) =>
        stack.DataSource("aws_iam_policy_document", $"{LogBucketId}_log_delivery")["statement"]!.AsArray().Single(s => (string?)s!["sid"] == sid)!;

    private static Dictionary<string, (string Test, string[] Values)> Conditions(JsonNode statement) =>
        (statement["condition"]?.AsArray() ?? []).ToDictionary(c => (string)c!["variable"]!, c => ((string)c!["test"]!, Strings(c["values"])));

    [Test]
    public void FlowLog_Default_RecordsAllTrafficOfTheVpcIntoTheLogBucketAfterItsPolicy()
    {
        var flowLog = Stack.Resource("aws_flow_log", "emr_logs_delivery_vpc_flow_log");
        Assert.That((string?)flowLog["vpc_id"], Is.EqualTo(SynthesizedStack.Ref("aws_vpc", "network_vpc", "id")));
        Assert.That((string?)flowLog["log_destination_type"], Is.EqualTo("s3"));
        Assert.That((string?)flowLog["log_destination"], Is.EqualTo($"{LogBucketArn}/vpc-flow-logs/"));
        Assert.That((string?)flowLog["traffic_type"], Is.EqualTo("ALL"));
        Assert.That(Strings(flowLog["depends_on"]), Is.EqualTo(new[] { $"aws_s3_bucket_policy.{LogBucketId}_policy" }));
    }

    [TestCaseSource(typeof(StorageTests), nameof(LoggedBucketIds))]
    public void AccessLogging_EveryBucketButTheLogBucket_LogsIntoItUnderItsOwnPrefix(string bucket)
    {
        var logging = Stack.Resource("aws_s3_bucket_logging", $"{bucket}_access_logging");
        Assert.That((string?)logging["bucket"], Is.EqualTo(SynthesizedStack.Ref("aws_s3_bucket", $"{bucket}_bucket", "id")));
        Assert.That((string?)logging["target_bucket"], Is.EqualTo(SynthesizedStack.Ref("aws_s3_bucket", $"{LogBucketId}_bucket", "id")));
        Assert.That((string?)logging["target_prefix"], Is.EqualTo($"s3-access/{bucket.Replace('_', '-')}/"));
    }

    [Test]
    public void AccessLogging_LogBucket_NotIntoItself()
    {
        Assert.That(Stack.Resources("aws_s3_bucket_logging").Keys, Is.EquivalentTo(LoggedBucketIds.Select(b => $"{b}_access_logging")));
    }

    [Test]
    public void LogBucketPolicy_Default_LetsS3LoggingWriteOnlyForTheLoggedBuckets()
    {
        var statement = Statement(Stack, "S3ServerAccessLogsPolicy");
        Assert.That(Strings(statement["principals"]![0]!["identifiers"]), Is.EqualTo(new[] { "logging.s3.amazonaws.com" }));
        Assert.That(Strings(statement["actions"]), Is.EqualTo(new[] { "s3:PutObject" }));
        Assert.That(Strings(statement["resources"]), Is.EqualTo(new[] { $"{LogBucketArn}/s3-access/*" }));
        var conditions = Conditions(statement);
        Assert.That(conditions.Keys, Is.EquivalentTo(new[] { "aws:SourceArn", "aws:SourceAccount" }), "the account read at plan time without accountId");
        Assert.That(conditions["aws:SourceAccount"], Is.EqualTo(("StringEquals", new[] { Configs.ResolvedAccount })));
        Assert.That(conditions["aws:SourceArn"].Test, Is.EqualTo("ArnLike"));
        Assert.That(conditions["aws:SourceArn"].Values, Is.EquivalentTo(LoggedBucketIds.Select(b => SynthesizedStack.Ref("aws_s3_bucket", $"{b}_bucket", "arn"))));
    }

    [Test]
    public void LogBucketPolicy_Default_HasTheFlowLogDeliveryStatementsAwsWouldOtherwiseAdd()
    {
        var write = Statement(Stack, "AWSLogDeliveryWrite");
        Assert.That(Strings(write["principals"]![0]!["identifiers"]), Is.EqualTo(new[] { "delivery.logs.amazonaws.com" }));
        Assert.That(Strings(write["actions"]), Is.EqualTo(new[] { "s3:PutObject" }));
        Assert.That(Strings(write["resources"]), Is.EqualTo(new[] { $"{LogBucketArn}/vpc-flow-logs/AWSLogs/{Configs.ResolvedAccount}/*" }));
        Assert.That(Conditions(write)["s3:x-amz-acl"], Is.EqualTo(("StringEquals", new[] { "bucket-owner-full-control" })));

        var aclCheck = Statement(Stack, "AWSLogDeliveryAclCheck");
        Assert.That(Strings(aclCheck["actions"]), Is.EqualTo(new[] { "s3:GetBucketAcl" }));
        Assert.That(Strings(aclCheck["resources"]), Is.EqualTo(new[] { LogBucketArn }));
    }

    [Test]
    public void LogBucketPolicy_WithTheAccount_EveryDeliveryNamesIt()
    {
        var write = Conditions(Statement(Configs.FullSynth, "AWSLogDeliveryWrite"));
        Assert.That(write["aws:SourceAccount"], Is.EqualTo(("StringEquals", new[] { Configs.AccountId })));
        Assert.That(write["aws:SourceArn"],
            Is.EqualTo(("ArnLike", new[] { $"arn:${{data.aws_partition.emr_logs_delivery_partition.partition}}:logs:eu-west-1:{Configs.AccountId}:*" })));
        Assert.That(Strings(Statement(Configs.FullSynth, "AWSLogDeliveryWrite")["resources"]),
            Is.EqualTo(new[] { $"{LogBucketArn}/vpc-flow-logs/AWSLogs/{Configs.AccountId}/*" }));
        Assert.That(Conditions(Statement(Configs.FullSynth, "AWSLogDeliveryAclCheck")).Keys, Is.EquivalentTo(new[] { "aws:SourceAccount", "aws:SourceArn" }));
        Assert.That(Conditions(Statement(Configs.FullSynth, "S3ServerAccessLogsPolicy"))["aws:SourceAccount"], Is.EqualTo(("StringEquals", new[] { Configs.AccountId })));
    }

    [Test]
    public void Cluster_Default_WaitsForEachBucketsAccessLogging()
    {
        // A guard like the others: the first objects the cluster writes are logged too.
        Assert.That(Strings(Stack.Resource("aws_emr_cluster", "emr_cluster")["depends_on"]),
            Is.SupersetOf(LoggedBucketIds.Select(b => $"aws_s3_bucket_logging.{b}_access_logging")));
    }
}
