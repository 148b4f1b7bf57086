namespace MnistEmr.Job.Explode;

/// <summary>FORMAT A naming and nesting options.</summary>
internal sealed class LayoutOptions
{
    /// <summary>The default naming seed.</summary>
    public const string DefaultSeed = "mnist-format-a";

    /// <summary>The naming seed.</summary>
    public Option<string> Seed { get; } = new("--seed")
    {
        Description = "Key of the naming hash: the same seed gives the same keys on every run and retry.",
        DefaultValueFactory = _ => DefaultSeed,
    };

    /// <summary>The fewest folders above a digit.</summary>
    public Option<int> MinDepth { get; } = new("--min-depth") { Description = "Fewest folders above a digit.", DefaultValueFactory = _ => 1 };

    /// <summary>The most folders above a digit.</summary>
    public Option<int> MaxDepth { get; } = new("--max-depth") { Description = "Most folders above a digit (at most 16).", DefaultValueFactory = _ => 4 };

    /// <summary>Child folders per folder.</summary>
    public Option<int> FanOut { get; } = new("--fan-out") { Description = "Distinct child folders per folder.", DefaultValueFactory = _ => 8 };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Seed);
        command.Options.Add(MinDepth);
        command.Options.Add(MaxDepth);
        command.Options.Add(FanOut);
    }

    /// <summary>The layout given on the command line.</summary>
    public FormatALayoutSettings Read(ParseResult parse) =>
        new(parse.GetValue(Seed)!, parse.GetValue(MinDepth), parse.GetValue(MaxDepth), parse.GetValue(FanOut));
}
