namespace MnistEmr.Job.Train.Sweep;

/// <summary>One row of the sweep table: its cells, and whether it is the kept candidate (shown apart).</summary>
/// <param name="Cells">The cells, under <see cref="SweepTable.Headings"/>.</param>
/// <param name="Kept">Whether this is the candidate the sweep kept.</param>
internal sealed record SweepRow(IReadOnlyList<string> Cells, bool Kept);

/// <summary>The rows of a sweep as the reports show them: one per candidate, best first, the kept one marked.</summary>
internal static class SweepTable
{
    /// <summary>The column headings.</summary>
    public static readonly IReadOnlyList<string> Headings =
    [
        "rank", "candidate", "learning rate", "leaves", "rounds", "min per leaf", "feature fraction",
        "validation log-loss", "validation accuracy", "training s", "threads", "kept",
    ];

    /// <summary>
    /// The cells of each candidate of <paramref name="sweep"/>, ranked as the sweep chose (<see cref="SweepChoice.Ranked"/>:
    /// lowest validation log-loss first), so the kept candidate is the first row and the base configuration's place shows.
    /// </summary>
    public static IReadOnlyList<SweepRow> Rows(SweepSummary sweep) =>
        SweepChoice.Ranked(sweep.Candidates).Select((c, rank) => new SweepRow(
        [
            N(rank + 1), N(c.Index), N(c.Settings.LearningRate), N(c.Settings.Leaves), N(c.Settings.Iterations), N(c.Settings.MinExamplesPerLeaf),
            N(c.Settings.FeatureFraction), c.ValidationLogLoss.ToString("F4", CultureInfo.InvariantCulture),
            c.ValidationAccuracy.ToString("P2", CultureInfo.InvariantCulture), c.TrainingSeconds.ToString("F1", CultureInfo.InvariantCulture),
            N(c.Threads), c.Index == sweep.Kept ? "kept" : string.Empty,
        ], c.Index == sweep.Kept)).ToList();

    /// <summary>One sentence saying what the sweep was, which candidate it kept and what the kept model was fitted on.</summary>
    public static string Sentence(SweepSummary sweep)
    {
        var kept = sweep.Candidates.Single(c => c.Index == sweep.Kept);
        var refit = sweep.RefitDigits > 0
            ? $" Its settings were then refitted on all {sweep.RefitDigits} training digits ({sweep.RefitSeconds:F1} s; the whole sweep {sweep.SweepSeconds:F1} s): "
              + "that is the model, so keeping the base configuration gives exactly the model of no sweep."
            : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{sweep.Candidates.Count} configurations, each fitted on {sweep.FitDigits} training digits and judged on the other {sweep.ValidationDigits} "
            + $"({sweep.ValidationFraction:P0}, seed {sweep.Seed}; the test digits were not read); candidate {kept.Index} kept, validation log-loss "
            + $"{kept.ValidationLogLoss:F4} against the base configuration's {sweep.Candidates[0].ValidationLogLoss:F4}.{refit}");
    }

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);
}
