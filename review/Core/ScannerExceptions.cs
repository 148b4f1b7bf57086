namespace MnistEmr.Review.Core;

/// <summary>
/// The scanner rules this pipeline leaves unmet on purpose, each with its reason, and their check against the
/// review's own findings (<see cref="ScannerFindings"/>): an exception holds only where its rule fails; one whose rule
/// passes is stale, and reported, for it would hide the next real failure of that rule on that resource.
/// </summary>
internal static class ScannerExceptions
{
    /// <summary>The exceptions this pipeline declares for a plan's resources, before they are checked against its findings.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="logTargets">The buckets AWS delivers logs into (<see cref="SecurityReview.LogTargets"/>).</param>
    public static IReadOnlyList<ScannerException> Declared(TerraformPlan plan, IReadOnlySet<string> logTargets)
    {
        var declared = new List<ScannerException>();
        foreach (var subnet in Live(plan, "aws_subnet"))
            declared.Add(new("CKV_AWS_130", subnet.Address,
                "public subnet by design: the nodes reach AWS APIs and package mirrors through their public addresses, without a NAT "
                + "gateway's hourly cost; no security group admits traffic from outside unless allowedIngressCidr names one network"));

        // kmsKey: none and no kmsKeyArn: the user chose SSE-S3 and no local-disk key, and the rules that need a key say so.
        // A key of a monitoring part (the notifications topic's own) encrypts no data bucket: keyless is about the pipeline's.
        var keyless = !Live(plan, "aws_kms_key").Any(k => PipelineParts.Of(k).Kind != NodeKind.Monitoring) && Live(plan, "aws_s3_bucket").All(b => ScannerFindings.Algorithm(plan, b) != "aws:kms");
        foreach (var bucket in Live(plan, "aws_s3_bucket"))
        {
            var part = PipelineParts.Of(bucket);
            declared.Add(new("CKV_AWS_144", bucket.Address,
                "single-region pipeline: everything it stores is made again from the public MNIST files by a new run, so a "
                + "replica in a second region would double the storage and protect nothing that cannot be rebuilt"));
            declared.Add(new("CKV2_AWS_62", bucket.Address,
                "no consumer of S3 events: the steps run one after another on the cluster and nothing reacts to new objects"));
            if (!part.Versioned)
                declared.Add(new("CKV_AWS_21", bucket.Address, UnversionedReason(part)));
            if (logTargets.Contains(bucket.Address))
                declared.Add(new("CKV_AWS_145", bucket.Address,
                    "S3 server access logging delivers only to a bucket whose default encryption is SSE-S3 (S3 User Guide, "
                    + "\"Enabling Amazon S3 server access logging\"); its logs hold no pipeline data"));
            else if (keyless)
                declared.Add(new("CKV_AWS_145", bucket.Address, NoKey));
        }

        foreach (var configuration in Live(plan, "aws_emr_security_configuration"))
        {
            if (keyless)
                declared.AddRange(new[] { "CKV_AWS_171", "CKV_AWS_349", "CKV_AWS_350" }.Select(rule => new ScannerException(rule, configuration.Address, NoKey)));
            declared.Add(new("CKV_AWS_351", configuration.Address, InTransitReason));
        }

        // A key policy's documents: checkov judges every aws_iam_policy_document as an identity policy, where "*" would
        // be every resource; in a key policy it is this one key.
        foreach (var document in Live(plan, "aws_kms_key").Concat(Live(plan, "aws_kms_key_policy")).SelectMany(k => k.ReferencesAt("policy")).Distinct()
                     .Where(a => plan.Find(a)?.Type == "aws_iam_policy_document"))
            declared.AddRange(KeyPolicyRules.Select(rule => new ScannerException(rule, document, KeyPolicyReason)));
        return declared;
    }

    /// <summary>
    /// The declared exceptions checked against the findings: those whose rule fails on their resource hold; the others
    /// are stale; a failing finding no exception covers is unexcepted.
    /// </summary>
    public static ScannerVerdict Judge(IReadOnlyList<ScannerFinding> findings, IReadOnlyList<ScannerException> declared)
    {
        bool Fails(ScannerException e) => findings.Any(f => f.Failed && f.Rule == e.Rule && f.Resource == e.Resource);
        return new ScannerVerdict(
            declared.Where(Fails).ToArray(),
            declared.Where(e => !Fails(e)).ToArray(),
            findings.Where(f => f.Failed && !declared.Any(e => e.Rule == f.Rule && e.Resource == f.Resource)).ToArray());
    }

    // The rules a key policy's Resource "*" fails: unconstrained permissions management, write, and restrictable actions.
    private static readonly string[] KeyPolicyRules = ["CKV_AWS_109", "CKV_AWS_111", "CKV_AWS_356"];

    // The AWS KMS Developer Guide, "Creating a key policy" (key-policy-overview.html): "In a key policy, the value of the
    // Resource element is "*", which means "this KMS key""; "Key policies in AWS KMS" (key-policies.html): a key has
    // exactly one key policy, which controls only that key. checkov cannot tell a document's use: in bridgecrewio/checkov
    // issue #2336 (CKV_AWS_109 on a key policy) its maintainer's answer is to skip the rule with the reason; #5181 is the
    // same report for CKV_AWS_356.
    internal const string KeyPolicyReason =
        "a KMS key policy: there Resource \"*\" means this key and no other (AWS KMS Developer Guide, \"Creating a key policy\": "
        + "\"In a key policy, the value of the Resource element is \"*\", which means this KMS key\"), so each statement already "
        + "names the one resource it can; who may use the key is its Principal: the account's root, whose IAM policies then decide "
        + "(the default key policy's \"Allows access to the AWS account and enables IAM policies\"), and a service that must use "
        + "it (EventBridge, for the notifications' topic); checkov judges every aws_iam_policy_document as an identity policy, "
        + "where \"*\" would be every resource";

    private const string NoKey =
        "kmsKey: none without kmsKeyArn: SSE-S3 and no local-disk key, as chosen; the default (kmsKey: create, $1 a month "
        + "for the key, AWS KMS pricing) meets this rule";

    // In-transit encryption: what it takes (EMR Management Guide, "Providing certificates for encrypting data in transit
    // with Amazon EMR encryption", emr-encryption-enable.html#emr-encryption-certificates: a zip of PEM files in S3,
    // privateKey.pem and certificateChain.pem, or a custom TLSArtifactsProvider JAR), what it would protect and from whom.
    internal const string InTransitReason =
        "in-transit encryption needs a TLS private key and certificate chain for the nodes, as a zip of PEM files in S3 or a "
        + "custom Java certificate provider (EMR Management Guide, \"Providing certificates for encrypting data in transit\"): "
        + "the stack would have to make and rotate a private key, which would then sit in S3 and in the Terraform state (this "
        + "machine's provider mirror has no tls provider either). AWS charges nothing for it ($0 a month), but what it protects "
        + "is Spark's traffic between the cluster's own nodes: public MNIST digits, the model and its scores; reading it needs "
        + "a foothold inside this VPC's subnet, whose security groups admit nothing from outside (unless allowedIngressCidr "
        + "names a network), and the data already crosses to S3 over TLS only (every bucket policy denies requests without it)";

    private static string UnversionedReason(PipelineNode part) => part switch
    {
        _ when part == PipelineNodes.Source => "the raw MNIST files: the data loader downloads and checks them again whenever they are missing",
        _ when part == PipelineNodes.FormatA => "FORMAT A is rewritten from S3|1 by every run; old versions would only multiply its many small objects",
        _ when part == PipelineNodes.Logs => "logs: each object is written once by AWS or EMR and never overwritten",
        _ => $"{part.Title}: not versioned by this stack's design",
    };

    private static IEnumerable<PlanResource> Live(TerraformPlan plan, string type) => plan.OfType(type).Where(r => r.Action != ChangeAction.Delete);
}
