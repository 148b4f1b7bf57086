namespace MnistEmr.Job.Shared.Model;

/// <summary>
/// End-to-end inference figures on one thread (PNG decode, features, model), the job's scoring next to ML.NET's in
/// the same run. Per CPU second of the process rather than per wall second: "per core" is what the figure means,
/// and on a shared machine the wall clock also counts the time other processes held the core.
/// </summary>
/// <param name="Digits">Digits classified per run.</param>
/// <param name="DigitsPerCpuSecond">The job's scoring, end to end.</param>
/// <param name="BaselineDigitsPerCpuSecond">ML.NET's scoring of the same model, end to end.</param>
/// <param name="DecodeMicroseconds">PNG decode per digit.</param>
/// <param name="FeaturizeMicroseconds">Features per digit.</param>
/// <param name="Identical">Whether both gave the same labels and probabilities for every digit.</param>
internal sealed record InferenceTiming(
    int Digits, double DigitsPerCpuSecond, double BaselineDigitsPerCpuSecond, double DecodeMicroseconds, double FeaturizeMicroseconds, bool Identical)
{
    /// <summary>Measures <paramref name="model"/> on <paramref name="pngs"/>, the median of <paramref name="repeats"/> runs each.</summary>
    public static InferenceTiming Measure(DigitModel model, IReadOnlyList<byte[]> pngs, int repeats)
    {
        IReadOnlyList<DigitPrediction> fast = [], baseline = [];
        var endToEnd = MedianCpuSeconds(repeats, () => fast = model.Predict(Decode(pngs), threads: 1));
        var endToEndBaseline = MedianCpuSeconds(repeats, () => baseline = model.PredictWithMlNet(Decode(pngs)));
        var pixels = Decode(pngs);
        var decode = MedianCpuSeconds(repeats, () => Decode(pngs));
        var features = new float[DigitFeaturizer.FeatureCount];
        var featurize = MedianCpuSeconds(repeats, () =>
        {
            foreach (var p in pixels)
            {
                DigitFeaturizer.Extract(p, features);
            }
        });
        var identical = fast.Count == baseline.Count
            && fast.Zip(baseline).All(p => p.First.Label == p.Second.Label && p.First.Probabilities.SequenceEqual(p.Second.Probabilities));
        var n = pngs.Count;
        return new InferenceTiming(n, n / endToEnd, n / endToEndBaseline, decode / n * 1e6, featurize / n * 1e6, identical);
    }

    private static List<byte[]> Decode(IReadOnlyList<byte[]> pngs) =>
        pngs.Select(png => DigitValidator.DecodeDigit("timing", png, out var rejection)?.Pixels
            ?? throw new InvalidDataException($"not a digit: {rejection?.Detail}")).ToList();

    private static double MedianCpuSeconds(int repeats, Action action)
    {
        var seconds = new List<double>();
        for (var i = 0; i < Math.Max(1, repeats); i++)
        {
            using var process = Process.GetCurrentProcess();
            var before = process.TotalProcessorTime;
            action();
            process.Refresh();
            seconds.Add(Math.Max((process.TotalProcessorTime - before).TotalSeconds, 1e-6));
        }

        seconds.Sort();
        return seconds[seconds.Count / 2];
    }
}
