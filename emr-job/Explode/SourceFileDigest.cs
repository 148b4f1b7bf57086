namespace MnistEmr.Job.Explode;

/// <summary>One S3|1 file a split was exploded from, as the data loader's manifest lists it.</summary>
/// <param name="Name">The file name in S3|1, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
/// <param name="Bytes">Its size in bytes.</param>
/// <param name="Sha256">Its SHA-256, lowercase hex.</param>
internal sealed record SourceFileDigest(string Name, long Bytes, string Sha256);
