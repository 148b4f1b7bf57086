namespace MnistEmr.Common.SourceData;

/// <summary>A file that passed every check: its name, size, SHA-256 and the IDX header found inside.</summary>
/// <param name="Name">The file name.</param>
/// <param name="Bytes">The gzip size in bytes.</param>
/// <param name="Sha256">The gzip SHA-256, lowercase hex.</param>
/// <param name="Header">The IDX header of the decompressed data.</param>
public sealed record VerifiedFile(string Name, long Bytes, string Sha256, IdxHeader Header);
