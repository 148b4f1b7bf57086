namespace MnistEmr.Bench;

/// <summary>One fit: the share of held-out digits labelled right and the seconds the fit took.</summary>
/// <param name="Accuracy">Accuracy on the held-out digits.</param>
/// <param name="FitSeconds">Wall seconds of the fit (features are made once, before).</param>
/// <param name="FitCpuSeconds">CPU seconds of the whole process during the fit: on a shared machine the steadier figure.</param>
internal sealed record FoldResult(double Accuracy, double FitSeconds, double FitCpuSeconds);

/// <summary>
/// K-fold cross-validation on all the sample's digits (train and test splits together), with the folds drawn once
/// from a fixed seed so every configuration sees the same folds; plus the fit on the train split scored on the test
/// split, the figure the pipeline reports. Judge a change by the folds, not by the test split alone.
/// </summary>
internal static class CrossValidation
{
    /// <summary>The seed the folds are drawn from unless another is given: every table in the README used it.</summary>
    public const int DefaultFoldSeed = 20_240_601;

    /// <summary>
    /// The fold of each digit: a shuffled round-robin, so each fold holds about a 1/k share of each split. Another
    /// <paramref name="foldSeed"/> draws other folds, to see whether a difference between configurations outlives them.
    /// </summary>
    public static int[] Folds(int count, int folds, int foldSeed = DefaultFoldSeed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(foldSeed).Shuffle(order);
        var fold = new int[count];
        for (var i = 0; i < order.Length; i++)
        {
            fold[order[i]] = i % folds;
        }

        return fold;
    }

    /// <summary>Fits on <paramref name="train"/> and scores <paramref name="test"/>.</summary>
    public static FoldResult Fit(IReadOnlyList<DigitFeatures> rows, int featureCount, IEnumerable<int> train, IEnumerable<int> test, TrainerSettings settings, int? threads)
    {
        var ml = new MLContext(settings.Seed);
        var trainer = new MnistTrainer(ml, threads);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var (model, _) = trainer.Fit(train.Select(i => rows[i]).ToList(), featureCount, settings);
        watch.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return new FoldResult(trainer.Accuracy(model, test.Select(i => rows[i]).ToList(), featureCount), watch.Elapsed.TotalSeconds, cpuSeconds);
    }

    /// <summary>Each fold's result, in fold order.</summary>
    public static IReadOnlyList<FoldResult> Run(IReadOnlyList<DigitFeatures> rows, int featureCount, int folds, TrainerSettings settings, int? threads, int foldSeed = DefaultFoldSeed)
    {
        var fold = Folds(rows.Count, folds, foldSeed);
        return Enumerable.Range(0, folds)
            .Select(k => Fit(
                rows,
                featureCount,
                Enumerable.Range(0, rows.Count).Where(i => fold[i] != k),
                Enumerable.Range(0, rows.Count).Where(i => fold[i] == k),
                settings,
                threads))
            .ToList();
    }

    /// <summary>The mean and the sample standard deviation of <paramref name="values"/>.</summary>
    public static (double Mean, double Spread) MeanAndSpread(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var spread = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return (mean, spread);
    }
}
