using System.Globalization;

namespace MnistEmr.Job.Train.Sweep;

/// <summary>The rows of a sweep as the reports show them: one per candidate, the kept one marked.</summary>
internal static class SweepTable
{
    /// <summary>The column headings.</summary>
    public static readonly IReadOnlyList<string> Headings =
    [
        "candidate", "learning rate", "leaves", "rounds", "min per leaf", "feature fraction",
        "validation log-loss", "validation accuracy", "training s", "threads", "kept",
    ];

    /// <summary>The cells of each candidate of <paramref name="sweep"/>, in index order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(SweepSummary sweep) =>
        sweep.Candidates.Select(c => (IReadOnlyList<string>)
        [
            N(c.Index), N(c.Settings.LearningRate), N(c.Settings.Leaves), N(c.Settings.Iterations), N(c.Settings.MinExamplesPerLeaf),
            N(c.Settings.FeatureFraction), c.ValidationLogLoss.ToString("F4", CultureInfo.InvariantCulture),
            c.ValidationAccuracy.ToString("P2", CultureInfo.InvariantCulture), c.TrainingSeconds.ToString("F1", CultureInfo.InvariantCulture),
            N(c.Threads), c.Index == sweep.Kept ? "yes" : string.Empty,
        ]).ToList();

    /// <summary>One sentence saying what the sweep was and which candidate it kept.</summary>
    public static string Sentence(SweepSummary sweep)
    {
        var kept = sweep.Candidates.Single(c => c.Index == sweep.Kept);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{sweep.Candidates.Count} configurations, each fitted on {sweep.FitDigits} training digits and judged on the other {sweep.ValidationDigits} "
            + $"({sweep.ValidationFraction:P0}, seed {sweep.Seed}; the test digits were not read); candidate {kept.Index} kept, validation log-loss "
            + $"{kept.ValidationLogLoss:F4} against the base configuration's {sweep.Candidates[0].ValidationLogLoss:F4}.");
    }

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);
}
