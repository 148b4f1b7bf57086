namespace MnistEmr.DataLoader.Cli;

/// <summary>The outcome of a successful run.</summary>
/// <param name="FileUris">The URIs of the dataset files at the target, in definition order.</param>
/// <param name="ManifestUri">The URI of the manifest.</param>
/// <param name="Downloaded">Files downloaded (and uploaded) by this run.</param>
/// <param name="ManifestWritten">Whether this run wrote the manifest.</param>
internal sealed record LoadResult(IReadOnlyList<string> FileUris, string ManifestUri, int Downloaded, bool ManifestWritten)
{
    /// <summary>True when the target was already complete and nothing was transferred.</summary>
    public bool UpToDate => Downloaded == 0 && !ManifestWritten;
}
