using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using DataLoader.Io;
using MnistJob.Core;

namespace MnistJob.Io;

/// <summary>An S3 prefix, through AWSSDK.S3. Every failure becomes a one-line <see cref="JobException"/> (exit 3).</summary>
public sealed class S3ObjectStore(IAmazonS3 s3, S3StoreLocation location, TimeSpan timeout) : IObjectStore
{
    /// <inheritdoc />
    public int MaxConcurrency => 32;

    /// <inheritdoc />
    public string UriFor(string key) => location.UriFor(key);

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Prefix + prefix };
        while (true)
        {
            var page = await CallAsync("list", UriFor(prefix), () => s3.ListObjectsV2Async(request, cancellationToken), cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                if (!item.Key.EndsWith('/'))
                {
                    yield return item.Key[location.Prefix.Length..];
                }
            }

            if (page.IsTruncated != true)
            {
                yield break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        CallAsync("get", UriFor(key), async () =>
        {
            try
            {
                using var response = await s3.GetObjectAsync(location.Bucket, location.Prefix + key, cancellationToken);
                using var buffer = new MemoryStream();
                await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
                return buffer.ToArray();
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket")
            {
                return (byte[]?)null;
            }
        }, cancellationToken);

    /// <inheritdoc />
    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        CallAsync("put", UriFor(key), async () =>
        {
            using var body = new MemoryStream(content.ToArray(), writable: false);
            await s3.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = location.Bucket,
                    Key = location.Prefix + key,
                    InputStream = body,
                    // aws-chunked framing is stored verbatim by some S3-compatible servers, corrupting the object.
                    UseChunkEncoding = false,
                    ContentType = ContentTypeOf(key),
                },
                cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        CallAsync("delete", UriFor(key), async () =>
        {
            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = location.Bucket, Key = location.Prefix + key }, cancellationToken);
            return true;
        }, cancellationToken);

    private async Task<T> CallAsync<T>(string operation, string uri, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (S3Failure.Describe(ex, operation, uri, location.Bucket, timeout, cancellationToken.IsCancellationRequested) is { } message)
        {
            throw JobException.Remote(message, ex);
        }
    }

    private static string ContentTypeOf(string key) => Path.GetExtension(key) switch
    {
        ".png" => "image/png",
        ".txt" => "text/plain",
        ".json" => "application/json",
        ".md" => "text/markdown",
        ".html" => "text/html",
        ".zip" => "application/zip",
        ".gz" => "application/gzip",
        _ => "application/octet-stream",
    };
}
