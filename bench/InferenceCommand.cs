namespace MnistEmr.Bench;

/// <summary>
/// <c>inference</c>: classifies the sample's test digits from their PNGs end to end on one thread with the job's
/// scoring and with ML.NET's as the baseline, in the same run (<see cref="InferenceTiming"/>), with the model of
/// <c>--model</c> or one trained on the train split. Prints key=value lines; exit 1 when the predictions differ.
/// </summary>
internal static class InferenceCommand
{
    /// <summary>Runs it and writes the figures to <paramref name="output"/>.</summary>
    public static int Run(SampleDigits sample, Arguments options, TextWriter output)
    {
        var ml = new MLContext(seed: 1);
        var model = LoadOrTrain(ml, sample, options, output);
        var pngs = sample.TestIndexes.Select(i => PngCodec.EncodeGray(sample.Pixels[i], MnistFiles.Side, MnistFiles.Side)).ToList();
        var timing = InferenceTiming.Measure(model, pngs, options.Int("repeats", 3));
        var lines = new (string Key, FormattableString Value)[]
        {
            ("digits", $"{timing.Digits}"),
            ("forest", $"{model.UsesForest}"),
            ("inference-digits-per-cpu-second", $"{timing.DigitsPerCpuSecond:F0}"),
            ("baseline-mlnet-inference-digits-per-cpu-second", $"{timing.BaselineDigitsPerCpuSecond:F0}"),
            ("speed-up", $"{timing.DigitsPerCpuSecond / timing.BaselineDigitsPerCpuSecond:F1}"),
            ("png-decode-microseconds", $"{timing.DecodeMicroseconds:F1}"),
            ("featurize-microseconds", $"{timing.FeaturizeMicroseconds:F1}"),
            ("model-microseconds", $"{(1e6 / timing.DigitsPerCpuSecond) - timing.DecodeMicroseconds - timing.FeaturizeMicroseconds:F1}"),
            ("predictions-identical-to-mlnet", $"{timing.Identical}"),
        };
        KeyValueLines.Write(output, lines);

        return timing.Identical ? 0 : 1;
    }

    private static DigitModel LoadOrTrain(MLContext ml, SampleDigits sample, Arguments options, TextWriter output)
    {
        if (options.Has("model"))
        {
            using var zip = File.OpenRead(options.Text("model", ""));
            return DigitModel.Load(ml, zip, options.Text("model", ""));
        }

        var train = sample.TrainIndexes.Select(i => new LabeledDigit($"d{i}", sample.Labels[i], sample.Pixels[i], [])).ToList();
        var result = new MnistTrainer(ml, options.Has("threads") ? options.Int("threads", 1) : null).Train(train, options.Trainer());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained-seconds={result.Duration.TotalSeconds:F1}"));
        return new DigitModel(ml, result.Model);
    }
}
