using System.CommandLine;
using MnistEmr.Common.Cli;
using MnistJob.Core;

namespace MnistJob.Cli;

/// <summary>The sweep options of <c>train</c> and <c>run-local</c>.</summary>
public sealed class SweepOptions
{
    /// <summary>Configurations to train.</summary>
    public Option<int> Candidates { get; } = new Option<int>("--sweep")
    {
        Description = $"Hyperparameter sweep: train this many configurations ({SweepSettings.MinCandidates} to {SweepSettings.MaxCandidates}; "
            + "the first is the trainer options' own, the others a seeded random draw from a grid around them) on "
            + $"{1 - ValidationSplit.Fraction:P0} of the training digits, judge each by log-loss on the other {ValidationSplit.Fraction:P0}, "
            + "keep the best and record them all in the model card and report. 0 trains once on every training digit.",
        DefaultValueFactory = _ => SweepSettings.Off.Candidates,
        HelpName = "count",
    }.Check(n => SweepSettings.CandidatesProblem(n) is { } problem ? $"--sweep {problem}" : null);

    /// <summary>Seed of the draw and of the validation split.</summary>
    public Option<int> Seed { get; } = new("--sweep-seed")
    {
        Description = "Seed of the sweep's random draw and of its validation split.",
        DefaultValueFactory = _ => SweepSettings.Off.Seed,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Candidates);
        command.Options.Add(Seed);
    }

    /// <summary>The sweep given on the command line.</summary>
    public SweepSettings Read(ParseResult parse) => new(parse.GetValue(Candidates), parse.GetValue(Seed));
}
