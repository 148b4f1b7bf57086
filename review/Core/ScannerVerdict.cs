namespace MnistEmr.Review.Core;

/// <summary>The declared scanner exceptions checked against the review's own findings.</summary>
/// <param name="Held">The exceptions whose rule fails on their resource: the rules left unmet on purpose.</param>
/// <param name="Stale">The exceptions whose rule passes (or is not judged) on their resource: nothing to except, so remove them.</param>
/// <param name="Unexcepted">The failing findings no exception covers.</param>
internal sealed record ScannerVerdict(
    IReadOnlyList<ScannerException> Held,
    IReadOnlyList<ScannerException> Stale,
    IReadOnlyList<ScannerFinding> Unexcepted);
