namespace MnistEmr.Job.Train.Sweep;

/// <summary>
/// The sweep options, declared once: as <c>train</c> and <c>run-local</c> take them (optional, 0 for no sweep) and as
/// the sweep's three <c>rows</c> stages take them (<see cref="ForStep"/>: required, since every part of one sweep must
/// be given the same size and seed by the step's SQL, and never 0).
/// </summary>
internal sealed class SweepOptions
{
    /// <summary>The options of <c>train</c> and <c>run-local</c>.</summary>
    public SweepOptions()
        : this(step: false)
    {
    }

    private SweepOptions(bool step)
    {
        // The default first: Check also checks what the option makes for itself.
        var candidates = new Option<int>(RowProtocol.SweepOption) { HelpName = "count", Required = step };
        Seed = new Option<int>(RowProtocol.SweepSeedOption) { Required = step };
        if (step)
        {
            candidates.Description = "Configurations of the sweep.";
            Seed.Description = "Seed of the sweep's draw and validation split.";
        }
        else
        {
            candidates.Description = $"Hyperparameter sweep: train this many configurations ({SweepSettings.MinCandidates} to {SweepSettings.MaxCandidates}; "
                + "the first is the trainer options' own, the others a seeded random draw from a grid around them) on "
                + $"{1 - ValidationSplit.Fraction:P0} of the training digits, judge each by log-loss on the other {ValidationSplit.Fraction:P0}, "
                + "keep the best and record them all in the model card and report. 0 trains once on every training digit.";
            candidates.DefaultValueFactory = _ => SweepSettings.Off.Candidates;
            Seed.Description = "Seed of the sweep's random draw and of its validation split.";
            Seed.DefaultValueFactory = _ => SweepSettings.Off.Seed;
        }

        Candidates = candidates.Check(n => step && n == 0 ? $"{RowProtocol.SweepOption} must not be 0 in a sweep's step"
            : SweepSettings.CandidatesProblem(n) is { } problem ? $"{RowProtocol.SweepOption} {problem}" : null);
    }

    /// <summary>Configurations to train.</summary>
    public Option<int> Candidates { get; }

    /// <summary>Seed of the draw and of the validation split.</summary>
    public Option<int> Seed { get; }

    /// <summary>Both options.</summary>
    public IEnumerable<Option> All => [Candidates, Seed];

    /// <summary>The options of the sweep's <c>rows</c> stages: required, and a size of 0 refused.</summary>
    public static SweepOptions ForStep() => new(step: true);

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The sweep given on the command line.</summary>
    public SweepSettings Read(ParseResult parse) => new(parse.GetValue(Candidates), parse.GetValue(Seed));
}
