namespace MnistEmr.Stacks.Constructs;

/// <summary>The cluster's access to one bucket.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Access">What the cluster may do there.</param>
public sealed record BucketGrant(DataBucket Bucket, BucketAccess Access)
{
    /// <summary>The S3 actions on objects that <see cref="Access"/> allows.</summary>
    public string[] ObjectActions => Access switch
    {
        BucketAccess.Read => ["s3:GetObject", "s3:GetObjectVersion"],
        BucketAccess.ReadWrite => ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject",
            "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
        BucketAccess.Write => ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
        _ => throw new ArgumentOutOfRangeException(nameof(Access), Access, null),
    };

    /// <summary>
    /// The access the pipeline's steps need in <paramref name="bucket"/>: read and write where a step writes its node
    /// (Spark's output committer lists, reads back and deletes what a task wrote; the job overwrites its own keys),
    /// read only where steps only read it (<see cref="MnistEmr.Contract.PipelineNode.ReadBy"/>,
    /// <see cref="MnistEmr.Contract.PipelineNode.WrittenBy"/>).
    /// </summary>
    /// <exception cref="ArgumentException">No step reads or writes the bucket's node.</exception>
    public static BucketGrant ForSteps(DataBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return new BucketGrant(bucket, bucket.PipelineNode.WrittenBy.Any() ? BucketAccess.ReadWrite
            : bucket.PipelineNode.ReadBy.Any() ? BucketAccess.Read
            : throw new ArgumentException($"no step reads or writes {bucket.PipelineNode.Title}", nameof(bucket)));
    }

    /// <summary>The S3 actions on the bucket itself; listing is needed by every access level (EMRFS and Spark list prefixes).</summary>
    public static string[] BucketActions => ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"];
}
