using Amazon.Runtime;

namespace MnistEmr.Common.Storage;

/// <summary>How to reach S3; the same defaults for every tool.</summary>
/// <param name="Endpoint">An S3-compatible endpoint (path-style addressing), or null for AWS.</param>
/// <param name="Region">A region, or null for the SDK's chain.</param>
/// <param name="Timeout">Per-request timeout.</param>
/// <param name="Retries">SDK retries of transient failures.</param>
/// <param name="Credentials">Explicit credentials, or null for the SDK's default chain.</param>
public sealed record S3Settings(Uri? Endpoint, string? Region, TimeSpan Timeout, int Retries, AWSCredentials? Credentials)
{
    /// <summary>Default per-request timeout in seconds: a 10 MB part needs only 170 KB/s to finish in it.</summary>
    public const int DefaultTimeoutSeconds = 60;

    /// <summary>The longest per-request timeout: an hour.</summary>
    public const int MaxTimeoutSeconds = 3600;

    /// <summary>Default SDK retries: enough for the adaptive mode to ride out S3's 503 SlowDown while a prefix scales.</summary>
    public const int DefaultRetries = 8;

    /// <summary>The most SDK retries: with adaptive backoff, more only stretches a hopeless run.</summary>
    public const int MaxRetries = 100;

    /// <summary>The defaults: AWS, the SDK's region and credential chains.</summary>
    public static S3Settings Default { get; } = new(null, null, TimeSpan.FromSeconds(DefaultTimeoutSeconds), DefaultRetries, null);
}
