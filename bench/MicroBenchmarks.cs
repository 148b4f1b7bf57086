using BenchmarkDotNet.Attributes;

namespace MnistEmr.Bench;

/// <summary>
/// Per-digit costs of the inference path on 2,000 synthetic-but-digit-like images (the sample's shapes are not
/// needed for timing): PNG decode, the deskew, all features, the forest on a block, and ML.NET's scoring of the same
/// model.
/// </summary>
// Public: BenchmarkDotNet runs only public benchmark classes.
[MemoryDiagnoser]
public class MicroBenchmarks
{
    private const int Digits = 2_000;
    private List<byte[]> pixels = [];
    private List<byte[]> pngs = [];
    private DigitModel model = null!;
    private float[] features = [];

    /// <summary>Makes the digits and fits a small model on them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        pixels = Enumerable.Range(0, Digits).Select(i => Stroke(random, i % 10)).ToList();
        pngs = pixels.Select(p => PngCodec.EncodeGray(p, MnistFiles.Side, MnistFiles.Side)).ToList();
        var ml = new MLContext(seed: 1);
        var digits = pixels.Select((p, i) => new LabeledDigit($"d{i}", i % 10, p, [])).ToList();
        model = new DigitModel(ml, new MnistTrainer(ml).Train(digits, new TrainerSettings(Iterations: 50)).Model);
        features = new float[DigitFeaturizer.FeatureCount];
    }

    /// <summary>PNG decode of every digit.</summary>
    [Benchmark(OperationsPerInvoke = Digits)]
    public int Decode() => pngs.Sum(png => PngCodec.TryDecode(png, out _)!.Width);

    /// <summary>The deskew alone (the featurizer's largest part), a fresh output per digit.</summary>
    [Benchmark(OperationsPerInvoke = Digits)]
    public int Deskew() => pixels.Sum(p => DigitFeaturizer.Deskew(p)[0]);

    /// <summary>Features of every digit into one reused buffer.</summary>
    [Benchmark(OperationsPerInvoke = Digits)]
    public float Featurize()
    {
        foreach (var p in pixels)
        {
            DigitFeaturizer.Extract(p, features);
        }

        return features[0];
    }

    /// <summary>Features and the forest, one thread.</summary>
    [Benchmark(OperationsPerInvoke = Digits)]
    public int PredictForest() => model.Predict(pixels, threads: 1).Count;

    /// <summary>Features and ML.NET's scoring of the same model (its own threading).</summary>
    [Benchmark(OperationsPerInvoke = Digits, Baseline = true)]
    public int PredictMlNet() => model.PredictWithMlNet(pixels).Count;

    /// <summary>A rough stroke: a thick line whose angle depends on the class, jittered.</summary>
    private static byte[] Stroke(Random random, int label)
    {
        var image = new byte[MnistFiles.PixelCount];
        var angle = (label * Math.PI / 10) + (random.NextDouble() * 0.2);
        for (var t = -9.0; t <= 9; t += 0.5)
        {
            var x = (int)(14 + (t * Math.Cos(angle)));
            var y = (int)(14 + (t * Math.Sin(angle)) + (label % 3));
            for (var d = 0; d < 2 && x + d < 28 && y < 28 && x >= 0 && y >= 0; d++)
            {
                image[(y * 28) + x + d] = (byte)random.Next(180, 256);
            }
        }

        return image;
    }
}
