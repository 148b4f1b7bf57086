using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using MnistEmr.Common.SourceData;

namespace MnistEmr.Common.Storage;

/// <summary>
/// An S3 prefix, through AWSSDK.S3. Verified uploads carry a SHA-256 checksum that S3 checks on receipt, plus the hex
/// SHA-256 and the source as object metadata so re-runs can skip matching objects with one HEAD; objects larger than
/// the multipart threshold go up in parts. Every failure becomes a one-line <see cref="ToolException"/> (exit 3).
/// </summary>
public sealed class S3ObjectStore : IObjectStore
{
    /// <summary>Metadata key holding the object's hex SHA-256.</summary>
    public const string Sha256MetadataKey = "sha256";

    /// <summary>Metadata key holding the URL the object was downloaded from.</summary>
    public const string SourceMetadataKey = "source-url";

    private const long DefaultMultipartThreshold = 16L * 1024 * 1024;
    private const long DefaultPartSize = 8L * 1024 * 1024;

    private readonly IAmazonS3 s3;
    private readonly S3StoreLocation location;
    private readonly TimeSpan timeout;
    private readonly long multipartThreshold;
    private readonly long partSize;

    /// <summary>Creates the store.</summary>
    /// <param name="s3">The S3 client.</param>
    /// <param name="location">Bucket and prefix.</param>
    /// <param name="timeout">The client's request timeout, quoted in timeout messages.</param>
    /// <param name="multipartThreshold">Verified uploads larger than this go up in parts.</param>
    /// <param name="partSize">Part size of multipart uploads (S3 needs at least 5 MiB except for the last part).</param>
    public S3ObjectStore(
        IAmazonS3 s3,
        S3StoreLocation location,
        TimeSpan timeout,
        long multipartThreshold = DefaultMultipartThreshold,
        long partSize = DefaultPartSize)
    {
        this.s3 = s3;
        this.location = location;
        this.timeout = timeout;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    /// <inheritdoc />
    public int MaxConcurrency => 32;

    /// <inheritdoc />
    public string UriFor(string key) => location.UriFor(key);

    /// <inheritdoc />
    public Task EnsureReachableAsync(CancellationToken cancellationToken) =>
        CallAsync("list", UriFor(string.Empty), async () =>
        {
            // A listing fails with NoSuchBucket or AccessDenied, where a HEAD on a missing key only says 404.
            await s3.ListObjectsV2Async(
                new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Prefix, MaxKeys = 1 },
                cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Nothing beyond <see cref="EnsureReachableAsync"/>'s listing: a probe object would be a write of its own (a
    /// version on a versioned bucket, an event to any subscriber), and a denied PUT still fails before anything
    /// claims completeness (the loader's manifest, a shard's manifest) is written.
    /// </remarks>
    public Task EnsureWritableAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
    public Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken) =>
        CallAsync("head", UriFor(key), async () =>
        {
            try
            {
                var head = await s3.GetObjectMetadataAsync(
                    new GetObjectMetadataRequest
                    {
                        BucketName = location.Bucket,
                        Key = location.KeyFor(key),
                        ChecksumMode = ChecksumMode.ENABLED,
                    },
                    cancellationToken);
                return new StoredObject(head.ContentLength, Sha256Of(head), NullIfEmpty(head.Metadata[SourceMetadataKey]));
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        }, cancellationToken);

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        CallAsync("get", UriFor(key), async () =>
        {
            try
            {
                using var response = await s3.GetObjectAsync(location.Bucket, location.KeyFor(key), cancellationToken);
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
                    Key = location.KeyFor(key),
                    InputStream = body,
                    // aws-chunked framing is stored verbatim by some S3-compatible servers, corrupting the object.
                    UseChunkEncoding = false,
                    ContentType = ContentTypeOf(key),
                },
                cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task PutVerifiedAsync(
        string key, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken) =>
        CallAsync("put", UriFor(key), async () =>
        {
            content.Position = 0;
            if (content.Length > multipartThreshold)
            {
                await PutMultipartAsync(key, content, sha256, source, progress, cancellationToken);
            }
            else
            {
                await PutSingleAsync(key, content, sha256, source, progress, cancellationToken);
            }

            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        CallAsync("delete", UriFor(key), async () =>
        {
            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = location.Bucket, Key = location.KeyFor(key) }, cancellationToken);
            return true;
        }, cancellationToken);

    private async Task PutSingleAsync(
        string key, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = location.Bucket,
            Key = location.KeyFor(key),
            InputStream = content,
            AutoCloseStream = false,
            // The verified checksum, not one recomputed from the upload stream: S3 rejects the PUT unless the bytes
            // it received are exactly the bytes that passed verification.
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
            ChecksumSHA256 = Sha256Digest.HexToBase64(sha256),
            UseChunkEncoding = false,
            ContentType = ContentTypeOf(key),
        };
        AddMetadata(request.Metadata, sha256, source);
        if (progress is not null)
        {
            request.StreamTransferProgress += (_, e) => progress.Report(e.TransferredBytes);
        }

        await s3.PutObjectAsync(request, cancellationToken);
    }

    private async Task PutMultipartAsync(
        string key, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var objectKey = location.KeyFor(key);
        var initiate = new InitiateMultipartUploadRequest
        {
            BucketName = location.Bucket,
            Key = objectKey,
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
            ContentType = ContentTypeOf(key),
        };
        AddMetadata(initiate.Metadata, sha256, source);
        var upload = await s3.InitiateMultipartUploadAsync(initiate, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            var buffer = new byte[partSize];
            long done = 0;
            for (var partNumber = 1; done < content.Length; partNumber++)
            {
                var length = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
                using var part = new MemoryStream(buffer, 0, length, writable: false);
                var response = await s3.UploadPartAsync(
                    new UploadPartRequest
                    {
                        BucketName = location.Bucket,
                        Key = objectKey,
                        UploadId = upload.UploadId,
                        PartNumber = partNumber,
                        InputStream = part,
                        PartSize = length,
                        ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
                        UseChunkEncoding = false,
                    },
                    cancellationToken);
                parts.Add(new PartETag(partNumber, response.ETag) { ChecksumSHA256 = response.ChecksumSHA256 });
                done += length;
                progress?.Report(done);
            }

            await s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest
                {
                    BucketName = location.Bucket,
                    Key = objectKey,
                    UploadId = upload.UploadId,
                    PartETags = parts,
                },
                cancellationToken);
        }
        catch
        {
            // Parts of an unfinished upload are invisible but billed: abort it, even when the run was cancelled.
            await s3.AbortMultipartUploadAsync(location.Bucket, objectKey, upload.UploadId, CancellationToken.None);
            throw;
        }
    }

    private async Task<T> CallAsync<T>(string operation, string uri, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (S3Failure.Describe(ex, operation, uri, location.Bucket, timeout, cancellationToken.IsCancellationRequested) is { } message)
        {
            throw ToolException.Remote(message, ex);
        }
    }

    private static string? Sha256Of(GetObjectMetadataResponse head)
    {
        var fromMetadata = NullIfEmpty(head.Metadata[Sha256MetadataKey]);
        if (fromMetadata is not null)
        {
            return fromMetadata;
        }

        // A full-object checksum is the file's SHA-256; a multipart one ("...-N") is a checksum of checksums.
        var checksum = head.ChecksumSHA256;
        return string.IsNullOrEmpty(checksum) || checksum.Contains('-') ? null : Sha256Digest.Base64ToHex(checksum);
    }

    private static void AddMetadata(MetadataCollection metadata, string sha256, string? source)
    {
        metadata.Add(Sha256MetadataKey, sha256);
        if (source is not null)
        {
            metadata.Add(SourceMetadataKey, source);
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

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
