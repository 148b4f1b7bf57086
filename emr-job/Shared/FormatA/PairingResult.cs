namespace MnistEmr.Job.Shared.FormatA;

/// <summary>The outcome of pairing a FORMAT A listing.</summary>
/// <param name="Candidates">Complete pairs, ordered by key.</param>
/// <param name="Rejections">Orphans and unexpected files, ordered by key.</param>
internal sealed record PairingResult(IReadOnlyList<DigitCandidate> Candidates, IReadOnlyList<Rejection> Rejections);
