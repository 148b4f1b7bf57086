namespace MnistEmr.Job.Train;

/// <summary>Hyperparameter options of the trainer.</summary>
internal sealed class TrainerOptions
{
    /// <summary>The most boosting rounds: far beyond where MNIST stops improving (about 200), short of a run measured in days.</summary>
    public const int MaxIterations = 100_000;

    /// <summary>The most leaves per tree LightGBM accepts (its <c>num_leaves</c> limit).</summary>
    public const int MaxLeaves = 131_072;

    private static readonly TrainerSettings Defaults = new();

    /// <summary>Boosting rounds.</summary>
    public Option<int> Iterations { get; } = new Option<int>("--iterations") { Description = $"LightGBM boosting rounds, 1 to {MaxIterations}.", DefaultValueFactory = _ => Defaults.Iterations }
        .Check(n => n is >= 1 and <= MaxIterations ? null : $"--iterations must be from 1 to {MaxIterations}, not {n}");

    /// <summary>Leaves per tree.</summary>
    public Option<int> Leaves { get; } = new Option<int>("--leaves") { Description = $"LightGBM leaves per tree, 2 to {MaxLeaves}.", DefaultValueFactory = _ => Defaults.Leaves }
        .Check(n => n is >= 2 and <= MaxLeaves ? null : $"--leaves must be from 2 to {MaxLeaves}, not {n}");

    /// <summary>Learning rate.</summary>
    public Option<double> LearningRate { get; } = new Option<double>("--learning-rate") { Description = "LightGBM learning rate, above 0 and at most 1.", DefaultValueFactory = _ => Defaults.LearningRate }
        .Check(LearningRateProblem);

    /// <summary>Training seed.</summary>
    public Option<int> TrainingSeed { get; } = new("--training-seed") { Description = "Seed of ML.NET and LightGBM.", DefaultValueFactory = _ => Defaults.Seed };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Iterations);
        command.Options.Add(Leaves);
        command.Options.Add(LearningRate);
        command.Options.Add(TrainingSeed);
    }

    /// <summary>The settings given on the command line.</summary>
    public TrainerSettings Read(ParseResult parse)
    {
        var settings = Defaults with
        {
            Iterations = parse.GetValue(Iterations),
            Leaves = parse.GetValue(Leaves),
            LearningRate = parse.GetValue(LearningRate),
            Seed = parse.GetValue(TrainingSeed),
        };
        // The parse checked each given value; the defaults are checked here too, so no path reaches LightGBM unchecked.
        if (settings.Iterations is < 1 or > MaxIterations || settings.Leaves is < 2 or > MaxLeaves || LearningRateProblem(settings.LearningRate) is not null)
        {
            throw ToolException.Usage($"--iterations must be from 1 to {MaxIterations}, --leaves from 2 to {MaxLeaves}, --learning-rate above 0 and at most 1");
        }

        return settings;
    }

    // NaN compares false with everything, so "<= 0 or > 1" alone lets it through to LightGBM's [Fatal] after all the work.
    private static string? LearningRateProblem(double rate) =>
        double.IsFinite(rate) && rate is > 0 and <= 1 ? null : $"--learning-rate must be above 0 and at most 1, not {rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
