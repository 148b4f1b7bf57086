namespace MnistEmr.Stacks.Constructs;

/// <summary>Input of <see cref="DataBucket"/>.</summary>
public sealed record DataBucketProps
{
    /// <summary>
    /// Required. The pipeline node the bucket is (one of <see cref="PipelineNodes.Buckets"/>): its construct id, its
    /// title (written as the <c>PipelineNode</c> tag), its versioning and its object expiry.
    /// </summary>
    public required PipelineNode PipelineNode { get; init; }

    /// <summary>Required. Prefix of every name of the deployment: the bucket name starts with <c>&lt;prefix&gt;-&lt;construct id&gt;-</c>.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>Required. Server-side encryption of every object.</summary>
    public required BucketEncryption Encryption { get; init; }

    /// <summary>Let Terraform delete the bucket while it still holds objects. Default false.</summary>
    public bool ForceDestroy { get; init; }

    /// <summary>Days after which parts of an unfinished multipart upload are removed. Default 7.</summary>
    public int AbortIncompleteUploadsAfterDays { get; init; } = 7;

    /// <summary>Days a replaced version is kept in a versioned bucket. Default 90.</summary>
    public int NoncurrentVersionsExpireAfterDays { get; init; } = 90;
}
