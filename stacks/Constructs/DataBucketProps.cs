namespace Pipeline.Stacks.Constructs;

/// <summary>Input of <see cref="DataBucket"/>.</summary>
public sealed record DataBucketProps
{
    /// <summary>Required. The pipeline node the bucket is, e.g. <c>S3|1 SOURCE_MNIST_DATA</c>; written as a tag.</summary>
    public required string PipelineNode { get; init; }

    /// <summary>Required. Start of the bucket name; AWS appends a unique suffix, since bucket names are global.</summary>
    public required string BucketPrefix { get; init; }

    /// <summary>Required. Server-side encryption of every object.</summary>
    public required BucketEncryption Encryption { get; init; }

    /// <summary>Keep every version of every object. Default false.</summary>
    public bool Versioned { get; init; }

    /// <summary>Let Terraform delete the bucket while it still holds objects. Default false.</summary>
    public bool ForceDestroy { get; init; }

    /// <summary>Days after which objects expire; null (the default) keeps them.</summary>
    public int? ExpireObjectsAfterDays { get; init; }

    /// <summary>Days after which parts of an unfinished multipart upload are removed. Default 7.</summary>
    public int AbortIncompleteUploadsAfterDays { get; init; } = 7;

    /// <summary>Days a replaced version is kept in a versioned bucket. Default 90.</summary>
    public int NoncurrentVersionsExpireAfterDays { get; init; } = 90;
}
