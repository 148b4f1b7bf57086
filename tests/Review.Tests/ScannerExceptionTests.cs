namespace MnistEmr.Review.Tests;

/// <summary>Scanner exceptions checked against the review's own findings: only a failing rule can be excepted.</summary>
[TestFixture]
public class ScannerExceptionTests
{
    private const string LogBucket = "aws_s3_bucket.emr_logs_bucket";
    private const string Configuration = "aws_emr_security_configuration.emr_security_configuration_configuration";

    [Test]
    public void Judge_ExceptionWhoseRulePasses_IsStaleAndReportedAsAWarning()
    {
        // The exception main carried before issue 26: CKV_AWS_18 on the log bucket, which the rule passes (the bucket is
        // the target of every aws_s3_bucket_logging, and checkov's graph check counts that connection).
        ScannerFinding[] findings =
        [
            new("CKV_AWS_18", LogBucket, Failed: false, "an aws_s3_bucket_logging names it"),
            new("CKV_AWS_351", Configuration, Failed: true, "in-transit encryption off"),
        ];
        ScannerException[] declared =
        [
            new("CKV_AWS_18", LogBucket, "the log bucket itself: logging it into itself loops"),
            new("CKV_AWS_351", Configuration, "no certificates"),
        ];

        var verdict = ScannerExceptions.Judge(findings, declared);
        Assert.That(verdict.Held.Select(e => e.Rule), Is.EqualTo(new[] { "CKV_AWS_351" }));
        Assert.That(verdict.Stale.Select(e => (e.Rule, e.Resource)), Is.EqualTo(new[] { ("CKV_AWS_18", LogBucket) }));
        Assert.That(verdict.Unexcepted, Is.Empty);

        var checks = SecurityReview.ScannerChecks(verdict, []).ToArray();
        Assert.That(checks.Select(c => (c.Name, c.Resource, c.Warned, c.Failed)), Is.EqualTo(new[] { ("stale-scanner-exception", LogBucket, true, false) }));
        Assert.That(checks[0].Detail, Does.Contain("CKV_AWS_18").And.Contain("remove it"));
        Assert.That(checks[0].ScannerRules, Is.EqualTo(new[] { "CKV_AWS_18" }));
    }

    [Test]
    public void Judge_ExceptionOnAnotherResource_DoesNotCoverTheFailureAndIsStale()
    {
        ScannerFinding[] findings = [new("CKV_AWS_145", "aws_s3_bucket.s3_1_source_bucket", Failed: true, "default encryption AES256")];
        ScannerException[] declared = [new("CKV_AWS_145", LogBucket, "access logs need SSE-S3")];

        var verdict = ScannerExceptions.Judge(findings, declared);
        Assert.That(verdict.Held, Is.Empty);
        Assert.That(verdict.Stale, Has.Count.EqualTo(1));
        var failed = SecurityReview.ScannerChecks(verdict, []).Where(c => c.Failed).ToArray();
        Assert.That(failed.Select(c => (c.Name, c.Resource)), Is.EqualTo(new[] { ("scanner-rule", "aws_s3_bucket.s3_1_source_bucket") }));
    }

    [Test]
    public void ScannerChecks_FailureAReviewCheckAlreadyFails_IsNotReportedTwice()
    {
        ScannerFinding[] findings = [new("CKV_AWS_21", "aws_s3_bucket.s3_4_model_bucket", Failed: true, "no versioning")];
        var verdict = ScannerExceptions.Judge(findings, []);
        SecurityCheck[] checks = [new("versioning", "aws_s3_bucket.s3_4_model_bucket", false, "not versioned") { ScannerRules = ["CKV_AWS_21"] }];
        Assert.That(SecurityReview.ScannerChecks(verdict, checks), Is.Empty);
        Assert.That(SecurityReview.ScannerChecks(verdict, []).Select(c => c.Name), Is.EqualTo(new[] { "scanner-rule" }));
    }
}
