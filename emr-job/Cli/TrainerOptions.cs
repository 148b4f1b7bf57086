using System.CommandLine;
using MnistJob.Core;

namespace MnistJob.Cli;

/// <summary>Hyperparameter options of the trainer.</summary>
public sealed class TrainerOptions
{
    private static readonly TrainerSettings Defaults = new();

    /// <summary>Boosting rounds.</summary>
    public Option<int> Iterations { get; } = new("--iterations") { Description = "LightGBM boosting rounds.", DefaultValueFactory = _ => Defaults.Iterations };

    /// <summary>Leaves per tree.</summary>
    public Option<int> Leaves { get; } = new("--leaves") { Description = "LightGBM leaves per tree.", DefaultValueFactory = _ => Defaults.Leaves };

    /// <summary>Learning rate.</summary>
    public Option<double> LearningRate { get; } = new("--learning-rate") { Description = "LightGBM learning rate.", DefaultValueFactory = _ => Defaults.LearningRate };

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
        if (settings.Iterations < 1 || settings.Leaves < 2 || settings.LearningRate is <= 0 or > 1)
        {
            throw JobException.Usage("--iterations must be at least 1, --leaves at least 2, --learning-rate in (0, 1]");
        }

        return settings;
    }
}
