using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace MnistEmr.Common.Storage;

/// <summary>
/// One line a user can act on for a failed S3 call: access denied, a missing bucket, an HTTP error, a timeout or a
/// broken connection, which the object store raises as a <see cref="ToolException"/> (exit 3).
/// </summary>
internal static class S3Failure
{
    /// <summary>The message for an S3 or transport failure; null for anything else (a bug, or the caller's cancellation).</summary>
    /// <param name="exception">What the SDK threw.</param>
    /// <param name="operation">The call, e.g. <c>PutObject</c>.</param>
    /// <param name="uri">The object or prefix it was about.</param>
    /// <param name="bucket">The bucket, named when it does not exist.</param>
    /// <param name="timeout">The client's request timeout, quoted when it ran out.</param>
    /// <param name="cancelledByCaller">Whether the caller cancelled, which is not a timeout.</param>
    public static string? Describe(Exception exception, string operation, string uri, string bucket, TimeSpan timeout, bool cancelledByCaller) =>
        exception switch
        {
            AmazonS3Exception s3 when s3.StatusCode == HttpStatusCode.Forbidden
                || s3.ErrorCode is "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" =>
                $"S3 access denied ({operation} {uri}): {s3.ErrorCode}: {s3.Message}",
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } => $"S3 bucket '{bucket}' does not exist ({operation} {uri})",
            AmazonS3Exception s3 => $"S3 {operation} {uri} failed: HTTP {(int)s3.StatusCode} {s3.ErrorCode}: {s3.Message}",
            TimeoutException or OperationCanceledException when !cancelledByCaller =>
                $"S3 {operation} {uri} timed out after {timeout.TotalSeconds:0.###} s",
            AmazonClientException or HttpRequestException or IOException => $"S3 {operation} {uri} failed: {Innermost(exception).Message}",
            _ => null,
        };

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
            exception = exception.InnerException;
        return exception;
    }
}
