namespace MnistEmr.Job.Train.Sweep;

/// <summary>
/// The configurations of a sweep: candidate 0 is the base settings (so a sweep never keeps a model the validation
/// part judges worse than the default's), the others a seeded random draw, without repeats, from a small grid
/// around it over the learning rate, leaves, boosting rounds, minimum digits per leaf and feature fraction.
/// </summary>
internal static class SweepPlan
{
    /// <summary>The learning rates of the grid.</summary>
    public static readonly IReadOnlyList<double> LearningRates = [0.05, 0.1, 0.2];

    /// <summary>The leaves per tree of the grid.</summary>
    public static readonly IReadOnlyList<int> Leaves = [15, 31, 63];

    /// <summary>The boosting rounds of the grid.</summary>
    public static readonly IReadOnlyList<int> Iterations = [100, 200, 300];

    /// <summary>The minimum digits per leaf of the grid.</summary>
    public static readonly IReadOnlyList<int> MinExamplesPerLeaf = [5, 10, 20];

    /// <summary>The feature fractions of the grid.</summary>
    public static readonly IReadOnlyList<double> FeatureFractions = [0.15, 0.25, 0.5];

    /// <summary>
    /// The <see cref="SweepSettings.Candidates"/> configurations of <paramref name="sweep"/> around
    /// <paramref name="baseSettings"/>; one, the base, when the sweep is off. The same arguments give the same list
    /// on every machine (<see cref="Random(int)"/> with a seed is a fixed algorithm).
    /// </summary>
    public static IReadOnlyList<SweepCandidate> Candidates(TrainerSettings baseSettings, SweepSettings sweep)
    {
        if (SweepSettings.CandidatesProblem(sweep.Candidates) is { } problem)
        {
            throw new ArgumentException($"sweep candidates {problem}", nameof(sweep));
        }

        var chosen = new List<TrainerSettings> { baseSettings };
        var grid = Grid(baseSettings).Where(s => s != baseSettings).ToList();
        var random = new Random(sweep.Seed);
        while (chosen.Count < Math.Max(1, sweep.Candidates))
        {
            var pick = random.Next(grid.Count);
            chosen.Add(grid[pick]);
            grid.RemoveAt(pick);
        }

        return chosen.Select((settings, index) => new SweepCandidate(index, settings)).ToList();
    }

    // Every point of the grid, in a fixed order; the settings the grid does not vary are the base's.
    private static IEnumerable<TrainerSettings> Grid(TrainerSettings baseSettings) =>
        from rate in LearningRates
        from leaves in Leaves
        from iterations in Iterations
        from minimum in MinExamplesPerLeaf
        from fraction in FeatureFractions
        select baseSettings with
        {
            LearningRate = rate,
            Leaves = leaves,
            Iterations = iterations,
            MinExamplesPerLeaf = minimum,
            FeatureFraction = fraction,
        };
}
