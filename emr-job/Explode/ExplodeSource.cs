namespace MnistEmr.Job.Explode;

/// <summary>
/// What a split's FORMAT A was exploded from, beyond the layout and shard count its plan and manifests already name:
/// the SHA-256 of the split's two S3|1 files and the version of explode's output. Recorded in the plan and in every
/// shard manifest, so a later explode can tell with a few GETs whether the tree is what it would write again.
/// </summary>
/// <param name="Version">
/// The version of what explode writes from the same digits (names, PNG encoding, label files): raised by a change
/// that writes other keys or bytes, so that trees written before it are exploded again rather than kept.
/// </param>
/// <param name="Files">The split's images and labels files, in that order.</param>
internal sealed record ExplodeSource(int Version, IReadOnlyList<SourceFileDigest> Files)
{
    /// <summary>The version this job writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The fingerprint of <paramref name="split"/> read from <paramref name="files"/> (name to size and SHA-256), at <see cref="CurrentVersion"/>.</summary>
    /// <returns>Null when <paramref name="files"/> lacks one of the split's two files.</returns>
    public static ExplodeSource? Of(DatasetSplit split, IReadOnlyDictionary<string, (long Bytes, string Sha256)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var digests = new List<SourceFileDigest>();
        foreach (var name in new[] { MnistFiles.ImagesOf(split), MnistFiles.LabelsOf(split) })
        {
            if (!files.TryGetValue(name, out var file))
            {
                return null;
            }

            digests.Add(new SourceFileDigest(name, file.Bytes, file.Sha256));
        }

        return new ExplodeSource(CurrentVersion, digests);
    }

    /// <summary>The first 12 hex digits of a SHA-256 over the version and every file's name, size and SHA-256: the fingerprint in one word, for logs.</summary>
    public string Digest
    {
        get
        {
            var text = new StringBuilder().Append('v').Append(Version).Append('\n');
            foreach (var file in Files)
            {
                text.Append(file.Name).Append(' ').Append(file.Bytes).Append(' ').Append(file.Sha256).Append('\n');
            }

            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
        }
    }

    /// <summary>Same version and the same files, in the same order (the list compared by value, not by reference).</summary>
    public bool Equals(ExplodeSource? other) =>
        other is not null && Version == other.Version && Files is not null && other.Files is not null && Files.SequenceEqual(other.Files);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Version, Files?.Count, Files?.Count > 0 ? Files[0] : null);
}
