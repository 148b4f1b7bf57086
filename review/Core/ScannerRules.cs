namespace MnistEmr.Review.Core;

/// <summary>
/// Which scanner rules each of the review's security checks answers. The ids are checkov's (rule files under
/// <c>checkov/terraform/checks/</c> of bridgecrewio/checkov) and, where checkov has none, prowler's check names.
/// </summary>
internal static class ScannerRules
{
    private static readonly Dictionary<string, string[]> ByCheck = new(StringComparer.Ordinal)
    {
        ["public-access-block"] = ["CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"],
        ["encryption"] = ["CKV_AWS_19"],
        ["tls-only-policy"] = ["prowler:s3_bucket_secure_transport_policy"],
        ["object-ownership"] = ["CKV2_AWS_65"],
        ["versioning"] = ["CKV_AWS_21"],
        ["multipart-upload-cleanup"] = ["CKV_AWS_300", "CKV2_AWS_61"],
        ["access-logging"] = ["CKV_AWS_18"],
        ["log-delivery-policy"] = [],
        ["vpc-flow-logs"] = ["CKV2_AWS_11"],
        ["kms-key-rotation"] = ["CKV_AWS_7"],
        ["no-unexpected-ingress"] = ["CKV_AWS_24", "CKV2_AWS_7"],
        ["emr-security-configuration"] = ["CKV2_AWS_55"],
        ["emr-service-role-v2"] = [],
        ["emr-service-role-confused-deputy"] = ["prowler:iam_role_cross_service_confused_deputy_prevention"],
        // The review's own, stricter than any scanner's rule: the instance profile's S3 rights are exactly what the
        // steps' reads and writes need. CKV_AWS_356 (no "*" resource) is iam-document-no-star-resource's.
        ["instance-profile-s3-least-privilege"] = [],
        ["sns-topic-encrypted"] = ["CKV_AWS_26"],
        ["sns-topic-not-public"] = ["prowler:sns_topics_not_publicly_accessible"],
        ["studio-security-groups-closed"] = [],
        // The review's own: CKV_AWS_60 reads Principal.AWS only, so a bare "Principal": "*" passes it (IamRules.RoleTrustCheck).
        ["iam-role-trust-not-anyone"] = [],
        ["emr-local-disk-encryption"] = ["CKV_AWS_349", "CKV_AWS_350"],
    };

    // The IAM rules' checks, one rule each (IamRules).
    private static readonly Dictionary<string, string[]> IamChecks = IamRules.All.ToDictionary(r => r.Check, r => new[] { r.Id }, StringComparer.Ordinal);

    /// <summary>The scanner rules a check answers; empty for a check no scanner makes (or one this table does not know).</summary>
    public static IReadOnlyList<string> Of(string checkName) =>
        ByCheck.TryGetValue(checkName, out var rules) || IamChecks.TryGetValue(checkName, out rules) ? rules : [];

    /// <summary>Every check this table maps, for tests and documentation.</summary>
    public static IEnumerable<string> MappedChecks => ByCheck.Keys.Concat(IamChecks.Keys);
}
