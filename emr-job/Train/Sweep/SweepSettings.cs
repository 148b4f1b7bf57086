namespace MnistEmr.Job.Train.Sweep;

/// <summary>
/// The hyperparameter sweep of the train step: off (<see cref="Candidates"/> 0, one training on every training
/// digit), or that many configurations (<see cref="SweepPlan"/>), each fitted on the same training part and judged on
/// the same validation part (<see cref="ValidationSplit"/>), the best kept.
/// </summary>
/// <param name="Candidates">Configurations to train: 0 for off, else <see cref="MinCandidates"/> to <see cref="MaxCandidates"/>.</param>
/// <param name="Seed">Seed of the random search and of the validation split.</param>
internal sealed record SweepSettings(int Candidates = 0, int Seed = 1)
{
    /// <summary>The sweep off: today's single training on every training digit.</summary>
    public static SweepSettings Off { get; } = new();

    /// <summary>The fewest configurations of a sweep: one would be the base configuration on less data.</summary>
    public const int MinCandidates = 2;

    /// <summary>The most configurations of a sweep: the grid holds far more, but past this a sweep costs more than it finds.</summary>
    public const int MaxCandidates = SparkSizing.MaxSweepCandidates;

    /// <summary>Whether a sweep runs.</summary>
    public bool IsOn => Candidates > 0;

    /// <summary>Why <paramref name="candidates"/> is not a sweep size, or null when it is one (0 included).</summary>
    public static string? CandidatesProblem(int candidates) => candidates is 0 or (>= MinCandidates and <= MaxCandidates)
        ? null
        : $"must be 0 (no sweep) or from {MinCandidates} to {MaxCandidates}; got {candidates}";
}
