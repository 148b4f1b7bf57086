using Amazon.Runtime;

namespace MnistJob.Io;

/// <summary>How to reach S3.</summary>
/// <param name="Endpoint">An S3-compatible endpoint (path-style addressing), or null for AWS.</param>
/// <param name="Region">A region, or null for the SDK's chain.</param>
/// <param name="Timeout">Per-request timeout.</param>
/// <param name="Retries">SDK retries of transient failures.</param>
/// <param name="Credentials">Explicit credentials, or null for the SDK's default chain.</param>
public sealed record S3Settings(Uri? Endpoint, string? Region, TimeSpan Timeout, int Retries, AWSCredentials? Credentials);
