using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using DataLoader.Core;

namespace DataLoader.Io;

/// <summary>
/// An S3 prefix. Every upload carries a SHA-256 checksum that S3 verifies on receipt, plus the hex SHA-256 and the
/// source mirror as object metadata so re-runs can skip matching objects with one HEAD request. Objects larger than
/// the multipart threshold go up in parts; either way an object becomes visible only once complete.
/// </summary>
public sealed class S3DatasetTarget : IDatasetTarget
{
    /// <summary>Metadata key holding the object's hex SHA-256.</summary>
    public const string Sha256MetadataKey = "sha256";

    /// <summary>Metadata key holding the mirror URL the object was downloaded from.</summary>
    public const string SourceMetadataKey = "source-url";

    private const long DefaultMultipartThreshold = 16L * 1024 * 1024;
    private const long DefaultPartSize = 8L * 1024 * 1024;

    private readonly IAmazonS3 s3;
    private readonly S3TargetLocation location;
    private readonly TimeSpan timeout;
    private readonly long multipartThreshold;
    private readonly long partSize;

    /// <summary>Creates the target.</summary>
    /// <param name="s3">The S3 client.</param>
    /// <param name="location">Bucket and prefix.</param>
    /// <param name="timeout">The client's request timeout, quoted in timeout messages.</param>
    /// <param name="multipartThreshold">Objects larger than this are uploaded in parts.</param>
    /// <param name="partSize">Part size of multipart uploads (S3 needs at least 5 MiB except for the last part).</param>
    public S3DatasetTarget(
        IAmazonS3 s3,
        S3TargetLocation location,
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
    public string UriFor(string name) => location.UriFor(name);

    /// <inheritdoc />
    public Task EnsureAccessibleAsync(CancellationToken cancellationToken) =>
        CallAsync("list", location.UriFor(string.Empty), async () =>
        {
            // A listing fails with NoSuchBucket or AccessDenied, where a HEAD on a missing key only says 404.
            await s3.ListObjectsV2Async(
                new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Prefix, MaxKeys = 1 },
                cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Nothing beyond <see cref="EnsureAccessibleAsync"/>'s listing: a probe object would be a write of its own (a
    /// version on a versioned bucket, an event to any subscriber), and a denied PUT still fails before the manifest is
    /// written, so nothing ever claims a complete dataset.
    /// </remarks>
    public Task EnsureWritableAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<StoredObject?> FindAsync(string name, CancellationToken cancellationToken) =>
        CallAsync("head", UriFor(name), async () =>
        {
            try
            {
                var head = await s3.GetObjectMetadataAsync(
                    new GetObjectMetadataRequest
                    {
                        BucketName = location.Bucket,
                        Key = location.KeyFor(name),
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
    public Task<byte[]?> ReadAllAsync(string name, CancellationToken cancellationToken) =>
        CallAsync("get", UriFor(name), async () =>
        {
            try
            {
                using var response = await s3.GetObjectAsync(location.Bucket, location.KeyFor(name), cancellationToken);
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
    public Task PutAsync(
        string name, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken) =>
        CallAsync("put", UriFor(name), async () =>
        {
            content.Position = 0;
            if (content.Length > multipartThreshold)
            {
                await PutMultipartAsync(name, content, sha256, source, progress, cancellationToken);
            }
            else
            {
                await PutSingleAsync(name, content, sha256, source, progress, cancellationToken);
            }

            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        CallAsync("delete", UriFor(name), async () =>
        {
            await s3.DeleteObjectAsync(location.Bucket, location.KeyFor(name), cancellationToken);
            return true;
        }, cancellationToken);

    private async Task PutSingleAsync(
        string name, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = location.Bucket,
            Key = location.KeyFor(name),
            InputStream = content,
            AutoCloseStream = false,
            // The verified checksum, not one recomputed from the upload stream: S3 rejects the PUT unless the bytes
            // it received are exactly the bytes that passed verification.
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
            ChecksumSHA256 = Sha256Digest.HexToBase64(sha256),
            // aws-chunked framing is stored verbatim by some S3-compatible servers, corrupting the object.
            UseChunkEncoding = false,
            ContentType = ContentTypeOf(name),
        };
        AddMetadata(request.Metadata, sha256, source);
        if (progress is not null)
        {
            request.StreamTransferProgress += (_, e) => progress.Report(e.TransferredBytes);
        }

        await s3.PutObjectAsync(request, cancellationToken);
    }

    private async Task PutMultipartAsync(
        string name, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var key = location.KeyFor(name);
        var initiate = new InitiateMultipartUploadRequest
        {
            BucketName = location.Bucket,
            Key = key,
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
            ContentType = ContentTypeOf(name),
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
                        Key = key,
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
                    Key = key,
                    UploadId = upload.UploadId,
                    PartETags = parts,
                },
                cancellationToken);
        }
        catch
        {
            // Parts of an unfinished upload are invisible but billed: abort it, even when the run was cancelled.
            await s3.AbortMultipartUploadAsync(location.Bucket, key, upload.UploadId, CancellationToken.None);
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
            throw LoaderException.Remote(message, ex);
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

    private static string ContentTypeOf(string name) =>
        name.EndsWith(".json", StringComparison.Ordinal) ? "application/json"
        : name.EndsWith(".gz", StringComparison.Ordinal) ? "application/gzip"
        : "application/octet-stream";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
