namespace MnistEmr.Bench;

/// <summary>
/// <c>cv</c>: k-fold cross-validation of one configuration (feature set and trainer settings) on all the sample's
/// digits, then the fit on the train split scored on the test split; prints one Markdown table row.
/// </summary>
internal static class CvCommand
{
    /// <summary>Runs it and writes the row to <paramref name="output"/>.</summary>
    public static int Run(SampleDigits sample, Arguments options, TextWriter output)
    {
        var features = FeatureSet.Named(options.Text("features", "job"));
        var settings = options.Trainer();
        var folds = options.Int("folds", 5);
        var rows = features.Rows(sample);
        int? threads = options.Has("threads") ? options.Int("threads", 1) : null;
        var results = CrossValidation.Run(rows, features.Count, folds, settings, threads, options.Int("fold-seed", CrossValidation.DefaultFoldSeed));
        var (mean, spread) = CrossValidation.MeanAndSpread(results.Select(r => r.Accuracy).ToList());
        var test = options.Has("no-test") ? null : CrossValidation.Fit(rows, features.Count, sample.TrainIndexes, sample.TestIndexes, settings, threads);
        var fits = results.Select(r => r.FitSeconds).Order().ToList();
        var cpus = results.Select(r => r.FitCpuSeconds).Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {options.Text("label", features.Name)} | {features.Name} ({features.Count}) | {Describe(settings)} | "
            + $"{mean:P2} ± {spread:P2} ({results.Min(r => r.Accuracy):P2}..{results.Max(r => r.Accuracy):P2}) | "
            + $"{(test is null ? "-" : test.Accuracy.ToString("P2", CultureInfo.InvariantCulture))} | "
            + $"{fits[fits.Count / 2]:F1} s ({fits[0]:F1}..{fits[^1]:F1}) | {cpus[cpus.Count / 2]:F1} s | {(test is null ? "-" : test.FitSeconds.ToString("F1", CultureInfo.InvariantCulture))} s |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  folds: {string.Join(" ", results.Select(r => $"{r.Accuracy:P2}/{r.FitSeconds:F1}s/{r.FitCpuSeconds:F1}cpu"))}"));
        return 0;
    }

    private static string Describe(TrainerSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"seed {s.Seed}, it {s.Iterations}, lr {s.LearningRate}, leaves {s.Leaves}, min-leaf {s.MinExamplesPerLeaf}, ff {s.FeatureFraction}, bins {s.MaxBins}, subsample {s.SubsampleFraction}");
}
