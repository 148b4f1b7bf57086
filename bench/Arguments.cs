namespace MnistEmr.Bench;

/// <summary>The bench's <c>--name value</c> options, read leniently: a benchmark tool, not a user-facing CLI.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    /// <summary>Reads <c>--name value</c> pairs; a <c>--name</c> followed by another option or nothing is "true".</summary>
    public Arguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[args[i][2..]] = hasValue ? args[++i] : "true";
        }
    }

    /// <summary>The text of <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    /// <summary>The integer <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The number <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public double Number(string name, double fallback) => values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>True when <paramref name="name"/> was given.</summary>
    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The trainer settings: the job's defaults, each overridden by its option.</summary>
    public TrainerSettings Trainer()
    {
        var defaults = new TrainerSettings();
        return defaults with
        {
            Iterations = Int("iterations", defaults.Iterations),
            Leaves = Int("leaves", defaults.Leaves),
            LearningRate = Number("learning-rate", defaults.LearningRate),
            MinExamplesPerLeaf = Int("min-leaf", defaults.MinExamplesPerLeaf),
            FeatureFraction = Number("feature-fraction", defaults.FeatureFraction),
            MaxBins = Int("bins", defaults.MaxBins),
            SubsampleFraction = Number("subsample", defaults.SubsampleFraction),
            Seed = Int("seed", defaults.Seed),
        };
    }
}
