
namespace MnistEmr.Job.Explode;

/// <summary>What explode did with one shard of one split.</summary>
/// <param name="Manifest">The shard's manifest: the one just written, or the one found when the shard was kept.</param>
/// <param name="Kept">
/// Whether the shard was up to date (same source fingerprint, layout and shard count) and left as it was: nothing
/// written, not even its manifest.
/// </param>
internal sealed record ShardOutcome(ShardManifest Manifest, bool Kept)
{
    /// <summary>Digits written now: the shard's, or none when it was kept.</summary>
    public int Written => Kept ? 0 : Manifest.Count;
}
