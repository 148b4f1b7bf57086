using MnistEmr.DataLoader.Core;
using MnistEmr.DataLoader.Io;

namespace MnistEmr.DataLoader.Cli;

/// <summary>
/// Brings a target up to a dataset definition: finds what is missing, downloads and verifies all of it into a
/// temporary folder before writing anything, uploads it, then writes the manifest last.
/// </summary>
/// <param name="mirrors">Downloads from the mirrors.</param>
/// <param name="target">The store the dataset goes to.</param>
/// <param name="reporter">Log lines and transfer progress.</param>
/// <param name="clock">Stamps the manifest.</param>
/// <param name="resultUri">The URI of a name as results print it; the store's own by default.</param>
internal sealed class DatasetLoader(IMirrorClient mirrors, IObjectStore target, IToolLog reporter, TimeProvider clock, Func<string, string>? resultUri = null)
{
    private readonly Func<string, string> uriFor = resultUri ?? target.UriFor;

    /// <summary>Runs the load; <paramref name="mirrorUrls"/> are tried in order for each file.</summary>
    /// <exception cref="ToolException">On any expected failure, with its exit code.</exception>
    public async Task<LoadResult> LoadAsync(
        DatasetDefinition definition, IReadOnlyList<string> mirrorUrls, CancellationToken cancellationToken)
    {
        await target.EnsureReachableAsync(cancellationToken);
        var stored = new Dictionary<string, StoredObject?>(StringComparer.Ordinal);
        foreach (var file in definition.Files)
        {
            stored[file.Name] = await target.HeadAsync(file.Name, cancellationToken);
        }

        var missing = definition.Files.Where(f => !Matches(f, stored[f.Name])).ToList();
        var manifestUri = uriFor(DatasetDefinitionValidator.ManifestName);
        var previousManifest = ManifestSerializer.TryDeserialize(
            await target.GetAsync(DatasetDefinitionValidator.ManifestName, cancellationToken));
        var fileUris = definition.Files.Select(f => uriFor(f.Name)).ToList();
        if (missing.Count == 0 && previousManifest is not null && previousManifest.Describes(definition))
        {
            reporter.Info($"Dataset '{definition.Name}' is already complete at {manifestUri}: nothing downloaded or uploaded.");
            return new LoadResult(fileUris, manifestUri, 0, ManifestWritten: false);
        }

        foreach (var file in definition.Files.Except(missing))
        {
            reporter.Info($"{file.Name}: already at {uriFor(file.Name)} with matching size and SHA-256, skipped.");
        }

        await target.EnsureWritableAsync(cancellationToken);
        var tempFolder = Directory.CreateTempSubdirectory("mnist-data-loader-");
        try
        {
            var downloads = new List<Download>();
            foreach (var file in missing)
            {
                downloads.Add(await DownloadAsync(file, mirrorUrls, tempFolder.FullName, cancellationToken));
            }

            DatasetPairing.CheckCounts(definition, downloads.ToDictionary(d => d.File.Name, d => d.Verified.Header.Count));
            if (missing.Count > 0 && previousManifest is not null)
            {
                // The manifest vouches for a complete dataset; it must not stand while objects change under it.
                await target.DeleteAsync(DatasetDefinitionValidator.ManifestName, cancellationToken);
            }

            foreach (var download in downloads)
            {
                await UploadAsync(download, cancellationToken);
            }

            var manifest = new DatasetManifest(
                definition.Name,
                clock.GetUtcNow(),
                definition.Files.Select(f => new ManifestEntry(
                    f.Name, f.Bytes, f.Sha256, SourceOf(f, downloads, stored[f.Name], previousManifest))).ToList());
            using var manifestContent = new MemoryStream(ManifestSerializer.Serialize(manifest));
            var (_, manifestSha256) = await Sha256Digest.ComputeAsync(manifestContent, cancellationToken);
            await target.PutVerifiedAsync(
                DatasetDefinitionValidator.ManifestName, manifestContent, manifestSha256, null, null, cancellationToken);
            reporter.Info(missing.Count == 0
                ? $"All files were already present; wrote {manifestUri}."
                : $"Uploaded {missing.Count} of {definition.Files.Count} files; wrote {manifestUri}.");
            return new LoadResult(fileUris, manifestUri, missing.Count, ManifestWritten: true);
        }
        finally
        {
            tempFolder.Delete(recursive: true);
        }
    }

    private static bool Matches(DatasetFile file, StoredObject? stored) =>
        stored is not null && stored.Bytes == file.Bytes && stored.Sha256 == file.Sha256;

    private static string? SourceOf(
        DatasetFile file, List<Download> downloads, StoredObject? stored, DatasetManifest? previousManifest) =>
        downloads.FirstOrDefault(d => d.File.Name == file.Name)?.Source
        ?? stored?.Source
        ?? previousManifest?.Files.FirstOrDefault(e => e.Name == file.Name && e.Sha256 == file.Sha256)?.Source;

    private async Task<Download> DownloadAsync(
        DatasetFile file, IReadOnlyList<string> mirrorUrls, string tempFolder, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        ToolException? integrityFailure = null;
        var path = Path.Combine(tempFolder, file.Name);
        foreach (var mirror in mirrorUrls)
        {
            var source = MirrorUrl.For(mirror, file.Name);
            try
            {
                await using var content = new FileStream(
                    path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous);
                using (var progress = reporter.Counter($"Downloading {source}", file.Bytes, ProgressUnit.Bytes))
                {
                    await mirrors.DownloadAsync(source, content, progress, cancellationToken);
                }

                var verified = await DatasetFileVerifier.VerifyAsync(file, content, cancellationToken);
                reporter.Info($"{file.Name}: verified (size, SHA-256, gzip, IDX {verified.Header.Count} {file.Kind.ToString().ToLowerInvariant()}).");
                return new Download(file, path, source.AbsoluteUri, verified);
            }
            catch (MirrorException ex)
            {
                reporter.Info($"{file.Name}: {source} failed: {ex.Message}; trying the next mirror.");
                failures.Add($"{source} -> {ex.Message}");
            }
            catch (ToolException ex) when (ex.ExitCode == ExitCode.IntegrityFailure)
            {
                reporter.Info($"{ex.Message} (from {source}); trying the next mirror.");
                failures.Add($"{source} -> {ex.Message}");
                integrityFailure = ex;
            }
        }

        if (failures.Count == 1)
        {
            // One mirror: its own message is the clearest, without the per-mirror list around it.
            throw new ToolException(
                integrityFailure is null ? $"{file.Name}: {failures[0]}" : $"{integrityFailure.Message} (from {MirrorUrl.For(mirrorUrls[0], file.Name)})",
                integrityFailure?.ExitCode ?? ExitCode.RemoteFailure);
        }

        // Integrity failures outrank remote ones: a corrupt copy is the more important news.
        throw new ToolException(
            $"{file.Name}: no mirror served a valid copy: {string.Join("; ", failures)}",
            integrityFailure?.ExitCode ?? ExitCode.RemoteFailure);
    }

    private async Task UploadAsync(Download download, CancellationToken cancellationToken)
    {
        var uri = uriFor(download.File.Name);
        await using var content = new FileStream(
            download.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        using (var progress = reporter.Counter($"Uploading {uri}", download.File.Bytes, ProgressUnit.Bytes))
        {
            await target.PutVerifiedAsync(download.File.Name, content, download.Verified.Sha256, download.Source, progress, cancellationToken);
        }

        reporter.Info($"{download.File.Name}: uploaded to {uri}.");
    }

    private sealed record Download(DatasetFile File, string Path, string Source, VerifiedFile Verified);
}
