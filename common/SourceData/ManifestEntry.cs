namespace MnistEmr.Common.SourceData;

/// <summary>One file recorded in the dataset manifest.</summary>
/// <param name="Name">The file name at the target.</param>
/// <param name="Bytes">Its size in bytes.</param>
/// <param name="Sha256">Its SHA-256, lowercase hex.</param>
/// <param name="Source">
/// The mirror URL it was downloaded from; null when the file was already at the target from an earlier, interrupted
/// run that did not record its origin.
/// </param>
public sealed record ManifestEntry(string Name, long Bytes, string Sha256, string? Source);
