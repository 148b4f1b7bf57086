using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace MnistEmr.Common.Storage;

/// <summary>Builds the S3 client: default credential and region chains unless overridden, explicit timeouts.</summary>
public static class S3ClientFactory
{
    /// <summary>Region used to sign requests to a custom endpoint when none is configured.</summary>
    public const string FallbackEndpointRegion = "us-east-1";

    /// <summary>Creates a client.</summary>
    /// <param name="endpoint">An S3-compatible endpoint (path-style addressing), or null for AWS.</param>
    /// <param name="region">A region name, or null for the SDK's chain (AWS_REGION, profile, instance metadata).</param>
    /// <param name="timeout">Per-request timeout.</param>
    /// <param name="retries">SDK retries of transient failures.</param>
    /// <param name="credentials">Explicit credentials, or null for the default chain.</param>
    public static IAmazonS3 Create(Uri? endpoint, string? region, TimeSpan timeout, int retries, AWSCredentials? credentials)
    {
        var config = new AmazonS3Config
        {
            Timeout = timeout,
            MaxErrorRetry = retries,
            // Adaptive: standard retries with backoff plus a client-side rate limit that slows down after 503
            // SlowDown (AWSSDK.Core ClientConfig.RetryMode), so many processes writing one new prefix (explode)
            // back off instead of exhausting their retries. S3 scales a prefix to 3,500 PUT and 5,500 GET per second.
            RetryMode = RequestRetryMode.Adaptive,
            // Checksums are set explicitly per request; no SDK-chosen CRC trailers on every call.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint.AbsoluteUri;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region ?? FallbackEndpointRegion;
        }
        else if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        try
        {
            return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
        }
        catch (AmazonClientException ex)
        {
            throw ToolException.Usage($"cannot configure the S3 client: {ex.Message} (set --region or AWS_REGION)");
        }
    }
}
