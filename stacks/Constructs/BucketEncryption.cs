namespace MnistEmr.Stacks.Constructs;

/// <summary>Server-side encryption of a bucket: SSE-KMS with the given key, or SSE-S3 when there is none.</summary>
/// <param name="KmsKeyArn">The KMS key; null for SSE-S3 (AES-256 with keys S3 manages).</param>
public sealed record BucketEncryption(string? KmsKeyArn)
{
    /// <summary>SSE-S3: no key to manage, no KMS request costs.</summary>
    public static BucketEncryption S3Managed { get; } = new((string?)null);

    /// <summary>The value of S3's <c>sse_algorithm</c>.</summary>
    public string Algorithm => KmsKeyArn is null ? "AES256" : "aws:kms";
}
