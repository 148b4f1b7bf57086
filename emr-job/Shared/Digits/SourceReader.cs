namespace MnistEmr.Job.Shared.Digits;

/// <summary>
/// Reads splits' IDX files from node S3|1 (or a folder) with the data loader's own checks, every file before any
/// digit is written: a missing test file or a gzip cut short must not fail explode after train/ is written.
/// </summary>
internal static class SourceReader
{
    /// <summary>Reads and checks both IDX files of <paramref name="split"/>.</summary>
    /// <exception cref="ToolException">Exit 3 when a file is missing, 4 when one fails a check.</exception>
    public static async Task<DigitSet> ReadSplitAsync(IObjectStore source, DatasetSplit split, IToolLog log, CancellationToken cancellationToken) =>
        (await ReadSplitsAsync(source, [split], log, cancellationToken))[split];

    /// <summary>
    /// Fetches every IDX file of <paramref name="splits"/>, checks each as the data loader does (against the loader's
    /// <c>manifest.json</c> when S3|1 has one: size and SHA-256; then the whole gzip stream with its size trailer),
    /// and only then decodes them (IDX header, 28x28, payload length, labels 0-9, images and labels agree).
    /// </summary>
    /// <exception cref="ToolException">Exit 3 when a file is missing, 4 when one fails a check; nothing has been written either way.</exception>
    public static async Task<IReadOnlyDictionary<DatasetSplit, DigitSet>> ReadSplitsAsync(
        IObjectStore source, IReadOnlyList<DatasetSplit> splits, IToolLog log, CancellationToken cancellationToken) =>
        (await ReadAsync(source, splits, await ReadManifestAsync(source, cancellationToken), log, cancellationToken))
            .ToDictionary(pair => pair.Key, pair => pair.Value.Digits);

    /// <summary>
    /// What <see cref="ReadSplitsAsync"/> reads, with each split's fingerprint: the size and SHA-256 of its two files
    /// as read (equal to <paramref name="manifest"/>'s, which they are checked against when there is one).
    /// </summary>
    /// <param name="source">S3|1.</param>
    /// <param name="splits">The splits to read.</param>
    /// <param name="manifest">The loader's manifest as <see cref="ReadManifestAsync"/> read it from <paramref name="source"/>; null when there is none.</param>
    /// <param name="log">Receives one line on the checks.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="ToolException">Exit 3 when a file is missing, 4 when one fails a check; nothing has been written either way.</exception>
    public static async Task<IReadOnlyDictionary<DatasetSplit, SourceSplit>> ReadAsync(
        IObjectStore source, IReadOnlyList<DatasetSplit> splits, DatasetManifest? manifest, IToolLog log, CancellationToken cancellationToken)
    {
        var names = splits.SelectMany(s => new[] { MnistFiles.ImagesOf(s), MnistFiles.LabelsOf(s) }).ToList();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            files[name] = await GetRequiredAsync(source, name, cancellationToken);
        }

        var digests = new Dictionary<string, (long Bytes, string Sha256)>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var content = new MemoryStream(files[name], writable: false);
            if (manifest is not null)
            {
                var entry = manifest.Files.FirstOrDefault(f => f.Name == name)
                    ?? throw ToolException.Integrity($"{source.UriFor(DatasetDefinitionValidator.ManifestName)} lists no {name}: it describes another dataset");
                digests[name] = await DatasetFileVerifier.VerifyDigestAsync(source.UriFor(name), entry.Bytes, entry.Sha256, content, cancellationToken);
                content.Position = 0;
            }
            else
            {
                digests[name] = (files[name].LongLength, Sha256Digest.Of(files[name]));
            }

            await DatasetFileVerifier.VerifyGzipAsync(source.UriFor(name), content, cancellationToken);
        }

        log.Info(manifest is null
            ? $"source: {names.Count} files pass the gzip checks; no {DatasetDefinitionValidator.ManifestName} at {source.UriFor(string.Empty)}, so sizes and SHA-256s are not checked"
            : $"source: {names.Count} files match {source.UriFor(DatasetDefinitionValidator.ManifestName)} (size, SHA-256) and pass the gzip checks");

        var sets = new Dictionary<DatasetSplit, SourceSplit>();
        foreach (var split in splits)
        {
            var imagesName = MnistFiles.ImagesOf(split);
            var labelsName = MnistFiles.LabelsOf(split);
            using var imagesStream = new MemoryStream(files[imagesName], writable: false);
            using var labelsStream = new MemoryStream(files[labelsName], writable: false);
            var digits = await IdxReader.ReadAsync(imagesStream, source.UriFor(imagesName), labelsStream, source.UriFor(labelsName), cancellationToken);
            sets[split] = new SourceSplit(digits, ExplodeSource.Of(split, digests)!);
        }

        return sets;
    }

    /// <summary>The bytes of <paramref name="key"/>; a missing object is an I/O failure naming it.</summary>
    public static async Task<byte[]> GetRequiredAsync(IObjectStore store, string key, CancellationToken cancellationToken) =>
        await store.GetAsync(key, cancellationToken) ?? throw ToolException.Remote($"{store.UriFor(key)} does not exist");

    /// <summary>The loader's manifest of S3|1, or null when there is none (a folder prepared by hand, or by prepare-sample).</summary>
    /// <exception cref="ToolException">Exit 4 when there is one but it is not a loader manifest.</exception>
    public static async Task<DatasetManifest?> ReadManifestAsync(IObjectStore source, CancellationToken cancellationToken)
    {
        var bytes = await source.GetAsync(DatasetDefinitionValidator.ManifestName, cancellationToken);
        return bytes is null
            ? null
            : ManifestSerializer.TryDeserialize(bytes)
                ?? throw ToolException.Integrity($"{source.UriFor(DatasetDefinitionValidator.ManifestName)} is not a data loader manifest");
    }
}
