namespace MnistEmr.Job.Shared.Digits;

/// <summary>One split as read from S3|1 and checked.</summary>
/// <param name="Digits">Its digits.</param>
/// <param name="Source">The size and SHA-256 of the two files they were read from.</param>
internal sealed record SourceSplit(DigitSet Digits, ExplodeSource Source);
