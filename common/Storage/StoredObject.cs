namespace MnistEmr.Common.Storage;

/// <summary>What a store holds under a key.</summary>
/// <param name="Bytes">The stored size.</param>
/// <param name="Sha256">The stored SHA-256 (lowercase hex) when the store knows it, else null.</param>
/// <param name="Source">Where the object came from (a mirror URL), when the store records one.</param>
public sealed record StoredObject(long Bytes, string? Sha256, string? Source);
