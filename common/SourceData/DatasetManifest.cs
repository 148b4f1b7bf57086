namespace MnistEmr.Common.SourceData;

/// <summary>
/// The manifest written last to the target: its presence means every listed file is complete and verified.
/// </summary>
/// <param name="Dataset">The definition's name.</param>
/// <param name="CreatedUtc">When the dataset was completed, UTC.</param>
/// <param name="Files">The files, in definition order.</param>
public sealed record DatasetManifest(string Dataset, DateTimeOffset CreatedUtc, IReadOnlyList<ManifestEntry> Files)
{
    /// <summary>True when this manifest lists exactly the files of <paramref name="definition"/> with their pinned sizes and checksums.</summary>
    public bool Describes(DatasetDefinition definition) =>
        Dataset == definition.Name
        && Files.Count == definition.Files.Count
        && definition.Files.All(f => Files.Any(e => e.Name == f.Name && e.Bytes == f.Bytes && e.Sha256 == f.Sha256));
}
