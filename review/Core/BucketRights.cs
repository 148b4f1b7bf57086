namespace MnistEmr.Review.Core;

/// <summary>What the cluster's nodes may do in one bucket, as the instance profile's policies grant it.</summary>
/// <param name="Bucket">The bucket resource's address.</param>
/// <param name="Part">The pipeline part the bucket is.</param>
/// <param name="Actions">The S3 actions granted on the bucket or its objects.</param>
internal sealed record BucketRights(string Bucket, PipelineNode Part, IReadOnlyList<string> Actions);
