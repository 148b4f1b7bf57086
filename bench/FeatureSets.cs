namespace MnistEmr.Bench;

/// <summary>A way of turning 784 pixels into features, named for the cross-validation table.</summary>
/// <param name="Name">The name given on the command line.</param>
/// <param name="Count">Features per digit.</param>
/// <param name="Extract">Writes the features of the pixels into the span.</param>
internal sealed record FeatureSet(string Name, int Count, FeatureSet.Extractor Extract)
{
    /// <summary>Writes the features of <paramref name="pixels"/> into <paramref name="features"/>.</summary>
    public delegate void Extractor(ReadOnlySpan<byte> pixels, Span<float> features);

    /// <summary>The feature sets the bench can compare; "job" is the one the job uses.</summary>
    public static IReadOnlyList<FeatureSet> All { get; } =
    [
        new("job", DigitFeaturizer.FeatureCount, DigitFeaturizer.Extract),
        CandidateFeatures.Make("soft", pooled: false, soft: true, blocks: false, profiles: false),
        CandidateFeatures.Make("soft-blocks", pooled: false, soft: true, blocks: true, profiles: false),
        CandidateFeatures.Make("soft-blocks-profiles", pooled: false, soft: true, blocks: true, profiles: true),
        CandidateFeatures.Make("pooled-soft-blocks-profiles", pooled: true, soft: true, blocks: true, profiles: true),
        CandidateFeatures.Make("pooled-soft-blocks", pooled: true, soft: true, blocks: true, profiles: false),
    ];

    /// <summary>The set named <paramref name="name"/>.</summary>
    public static FeatureSet Named(string name) =>
        All.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"no feature set '{name}'; one of {string.Join(", ", All.Select(f => f.Name))}");

    /// <summary>The rows of <paramref name="sample"/>, featurized on all cores.</summary>
    public IReadOnlyList<DigitFeatures> Rows(SampleDigits sample)
    {
        var rows = new DigitFeatures[sample.Pixels.Count];
        Parallel.For(0, rows.Length, i =>
        {
            var features = new float[Count];
            Extract(sample.Pixels[i], features);
            rows[i] = new DigitFeatures { Label = (uint)sample.Labels[i], Features = features };
        });
        return rows;
    }
}
