namespace MnistEmr.Job.Explode;

/// <summary>
/// S3|1 as explode reads it, no more than a run needs. Each split's fingerprint comes first: from the loader's
/// <c>manifest.json</c> when S3|1 has one (one GET, no IDX file read, so an up-to-date tree is kept for a few GETs),
/// else from the IDX files themselves, read and checked as explode always has. The digits come only once a shard
/// must be written, and then every file of every split is fetched and checked before the first digit is written.
/// Shared by shards running side by side: each thing is read once.
/// </summary>
/// <param name="source">S3|1.</param>
/// <param name="splits">The splits this explode writes (their files are the ones read).</param>
/// <param name="log">Receives the source checks' line.</param>
internal sealed class ExplodeInput(IObjectStore source, IReadOnlyList<DatasetSplit> splits, IToolLog log)
{
    private readonly Lock sync = new();
    private Task<DatasetManifest?>? manifest;
    private Task<IReadOnlyDictionary<DatasetSplit, SourceSplit>>? read;

    /// <summary>The splits this explode writes.</summary>
    public IReadOnlyList<DatasetSplit> Splits => splits;

    /// <summary>
    /// The fingerprint of <paramref name="split"/>'s two S3|1 files: the loader's manifest's sizes and SHA-256s when it
    /// lists them (the files are checked against them when they are read), else those of the files as read.
    /// </summary>
    /// <exception cref="ToolException">Exit 3 when a file is missing, 4 when the manifest or a file fails a check.</exception>
    public async Task<ExplodeSource> FingerprintAsync(DatasetSplit split, CancellationToken cancellationToken)
    {
        if (await ManifestAsync(cancellationToken) is { } declared
            && ExplodeSource.Of(split, declared.Files.DistinctBy(f => f.Name).ToDictionary(f => f.Name, f => (f.Bytes, f.Sha256), StringComparer.Ordinal)) is { } fingerprint)
        {
            return fingerprint;
        }

        // No manifest, or one that lacks a file of the split: reading the files says which, as explode always has.
        return (await ReadAsync(cancellationToken))[split].Source;
    }

    /// <summary>The digits of <paramref name="split"/>; the first call fetches and checks every file of every split.</summary>
    /// <exception cref="ToolException">Exit 3 when a file is missing, 4 when one fails a check; nothing has been written either way.</exception>
    public async Task<DigitSet> DigitsAsync(DatasetSplit split, CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken))[split].Digits;

    private Task<DatasetManifest?> ManifestAsync(CancellationToken cancellationToken)
    {
        lock (sync)
        {
            return manifest ??= SourceReader.ReadManifestAsync(source, cancellationToken);
        }
    }

    private async Task<IReadOnlyDictionary<DatasetSplit, SourceSplit>> ReadAsync(CancellationToken cancellationToken)
    {
        var declared = await ManifestAsync(cancellationToken);
        lock (sync)
        {
            read ??= SourceReader.ReadAsync(source, splits, declared, log, cancellationToken);
        }

        return await read;
    }
}
