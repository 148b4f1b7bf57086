namespace MnistEmr.Job.Train.Sweep;

/// <summary>The sweep a model was chosen by, recorded in its card and shown in the report.</summary>
/// <param name="Seed">Seed of the random search and the validation split.</param>
/// <param name="ValidationFraction">Share of the training digits held out.</param>
/// <param name="FitDigits">Digits every configuration was fitted on.</param>
/// <param name="ValidationDigits">Digits every configuration was judged on (from the training split, never the test split).</param>
/// <param name="Kept">The index of the candidate kept: <see cref="SweepChoice.Best"/> of <paramref name="Candidates"/>.</param>
/// <param name="Candidates">Every configuration with its validation scores, by index.</param>
internal sealed record SweepSummary(
    int Seed,
    double ValidationFraction,
    int FitDigits,
    int ValidationDigits,
    int Kept,
    IReadOnlyList<CandidateResult> Candidates)
{
    /// <summary>
    /// Digits the kept configuration was refitted on: every usable training digit, the fit and validation parts
    /// together (0 in a card written before the refit, when the kept model was the candidate's own).
    /// </summary>
    public int RefitDigits { get; init; }

    /// <summary>Wall time of the refit alone.</summary>
    public double RefitSeconds { get; init; }

    /// <summary>Wall time of the whole sweep: from the pack to the refit model, every candidate included.</summary>
    public double SweepSeconds { get; init; }

    /// <summary>The summary of <paramref name="candidates"/>, keeping <see cref="SweepChoice.Best"/> of them.</summary>
    public static SweepSummary Of(int seed, IReadOnlyList<CandidateResult> candidates)
    {
        var best = SweepChoice.Best(candidates);
        return new SweepSummary(
            seed, ValidationSplit.Fraction, best.FitDigits, best.ValidationDigits, best.Index, candidates.OrderBy(c => c.Index).ToList());
    }
}
