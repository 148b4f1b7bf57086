namespace DataLoader.Io;

/// <summary>What the target already holds under a name.</summary>
/// <param name="Bytes">The stored size.</param>
/// <param name="Sha256">The stored SHA-256 (lowercase hex) when the target knows it, else null.</param>
/// <param name="Source">The mirror URL recorded with the object, when the target records one.</param>
public sealed record StoredObject(long Bytes, string? Sha256, string? Source);
