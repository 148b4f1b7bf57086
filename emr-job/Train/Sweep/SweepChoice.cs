namespace MnistEmr.Job.Train.Sweep;

/// <summary>Which candidate a sweep keeps.</summary>
internal static class SweepChoice
{
    /// <summary>
    /// The best of <paramref name="candidates"/>: the lowest validation log-loss; on a tie the higher validation
    /// accuracy, then the smaller model, then the lower index (so the choice never depends on the order of the list).
    /// </summary>
    public static CandidateResult Best(IEnumerable<CandidateResult> candidates) =>
        Ranked(candidates).FirstOrDefault() ?? throw new ArgumentException("a sweep needs at least one candidate", nameof(candidates));

    /// <summary><paramref name="candidates"/> best first, by the rule of <see cref="Best"/>: the order the reports list them in.</summary>
    public static IReadOnlyList<CandidateResult> Ranked(IEnumerable<CandidateResult> candidates) =>
        candidates
            .OrderBy(c => c.ValidationLogLoss)
            .ThenByDescending(c => c.ValidationAccuracy)
            .ThenBy(c => c.ModelBytes)
            .ThenBy(c => c.Index)
            .ToList();
}
