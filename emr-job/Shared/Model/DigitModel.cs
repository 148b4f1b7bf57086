using Microsoft.ML.Data;

namespace MnistEmr.Job.Shared.Model;

/// <summary>
/// A trained classifier: saves to and loads from an ML.NET model zip and classifies digits in batches, scoring with
/// the model's trees copied into a <see cref="DigitForest"/> (the same probabilities as ML.NET's, many times faster)
/// and with ML.NET itself only when the model has a shape the forest does not read.
/// </summary>
internal sealed class DigitModel
{
    // Digits featurized and scored per work item: large enough that the scheduling is free, small enough that both
    // cores get a share of a 2,000-digit test split.
    private const int Chunk = 64;

    private readonly MLContext ml;
    private readonly ITransformer model;
    private readonly int[] digitOfSlot;
    private readonly DigitForest? forest;

    /// <summary>Wraps a fitted pipeline.</summary>
    public DigitModel(MLContext ml, ITransformer model)
    {
        this.ml = ml;
        this.model = model;
        var empty = ml.Data.LoadFromEnumerable(Array.Empty<DigitFeatures>());
        digitOfSlot = DigitsOfScoreSlots(model.GetOutputSchema(empty.Schema));
        forest = DigitForest.TryFrom(model, DigitFeaturizer.FeatureCount);
    }

    /// <summary>True when predictions come from the compiled <see cref="DigitForest"/>, not ML.NET's scoring.</summary>
    public bool UsesForest => forest is not null;

    /// <summary>Loads an ML.NET model zip written by <see cref="Save"/>.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.IntegrityFailure"/> when the bytes are not such a model.</exception>
    public static DigitModel Load(MLContext ml, Stream zip, string origin)
    {
        try
        {
            return new DigitModel(ml, ml.Model.Load(zip, out _));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidDataException or ArgumentException)
        {
            throw ToolException.Integrity($"{origin} is not a model written by this job: {ex.Message}");
        }
    }

    /// <summary>Writes <paramref name="result"/> as an ML.NET model zip.</summary>
    public static void Save(MLContext ml, TrainedModel result, Stream output) => ml.Model.Save(result.Model, result.InputSchema, output);

    /// <summary>Featurizes digits into model rows, in parallel; labels are kept for training.</summary>
    public static IReadOnlyList<DigitFeatures> ToRows(IReadOnlyList<LabeledDigit> digits)
    {
        var rows = new DigitFeatures[digits.Count];
        Parallel.For(0, digits.Count, i => rows[i] = new DigitFeatures
        {
            Label = (uint)digits[i].Label,
            Features = DigitFeaturizer.Extract(digits[i].Pixels),
        });
        return rows;
    }

    /// <summary>Classifies each of <paramref name="pixels"/> (784 bytes each), in order, on all cores.</summary>
    public IReadOnlyList<DigitPrediction> Predict(IReadOnlyList<byte[]> pixels) => Predict(pixels, Environment.ProcessorCount);

    /// <summary>Classifies each of <paramref name="pixels"/> (784 bytes each), in order, on at most <paramref name="threads"/> threads.</summary>
    public IReadOnlyList<DigitPrediction> Predict(IReadOnlyList<byte[]> pixels, int threads)
    {
        if (forest is null)
        {
            return PredictWithMlNet(pixels);
        }

        var predictions = new DigitPrediction[pixels.Count];
        var chunks = (pixels.Count + Chunk - 1) / Chunk;
        if (threads <= 1 || chunks == 1)
        {
            // On the calling thread: Parallel.For would also wake pool threads that spin looking for work, CPU
            // time that buys nothing when there is one thread's work.
            var buffers = NewBuffers(forest);
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                PredictChunk(forest, pixels, chunk, buffers, predictions);
            }

            return predictions;
        }

        Parallel.For(
            0,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => NewBuffers(forest),
            (chunk, _, buffers) => PredictChunk(forest, pixels, chunk, buffers, predictions),
            _ => { });
        return predictions;
    }

    /// <summary>
    /// Classifies with ML.NET's own scoring (its data view and cursor): the reference the forest is tested against,
    /// and the baseline the benchmark times it against.
    /// </summary>
    public IReadOnlyList<DigitPrediction> PredictWithMlNet(IReadOnlyList<byte[]> pixels)
    {
        var rows = new DigitFeatures[pixels.Count];
        Parallel.For(0, pixels.Count, i => rows[i] = new DigitFeatures { Features = DigitFeaturizer.Extract(pixels[i]) });
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows));
        var predictions = new List<DigitPrediction>(pixels.Count);
        using var cursor = scored.GetRowCursor([scored.Schema["Score"]]);
        var getScore = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
        var score = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getScore(ref score);
            predictions.Add(ToPrediction(score.DenseValues().ToArray()));
        }

        return predictions;
    }

    private static ChunkBuffers NewBuffers(DigitForest forest) => new(new float[Chunk * DigitFeaturizer.FeatureCount], new float[Chunk * forest.Classes]);

    /// <summary>Featurizes and scores the digits of chunk <paramref name="chunk"/> into <paramref name="predictions"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ChunkBuffers PredictChunk(DigitForest forest, IReadOnlyList<byte[]> pixels, int chunk, ChunkBuffers buffers, DigitPrediction[] predictions)
    {
        var first = chunk * Chunk;
        var count = Math.Min(pixels.Count - first, Chunk);
        for (var i = 0; i < count; i++)
        {
            DigitFeaturizer.Extract(pixels[first + i], buffers.Features.AsSpan(i * DigitFeaturizer.FeatureCount, DigitFeaturizer.FeatureCount));
        }

        forest.Predict(buffers.Features, count, buffers.Slots);
        for (var i = 0; i < count; i++)
        {
            predictions[first + i] = ToPrediction(buffers.Slots.AsSpan(i * forest.Classes, forest.Classes));
        }

        return buffers;
    }

    /// <summary>The prediction from the score slots' probabilities: the first most probable digit wins a tie.</summary>
    private DigitPrediction ToPrediction(ReadOnlySpan<float> slots)
    {
        var probabilities = new float[Evaluate.ConfusionMatrix.Classes];
        for (var slot = 0; slot < slots.Length; slot++)
        {
            probabilities[digitOfSlot[slot]] = slots[slot];
        }

        var best = Array.IndexOf(probabilities, probabilities.Max());
        return new DigitPrediction(best, probabilities);
    }

    /// <summary>One thread's features and score slots for a chunk, reused chunk after chunk.</summary>
    private sealed record ChunkBuffers(float[] Features, float[] Slots);

    /// <summary>
    /// The digit of each score slot, from the label keys' values: a training set missing a digit has fewer slots.
    /// </summary>
    internal static int[] DigitsOfScoreSlots(DataViewSchema schema)
    {
        var keys = default(VBuffer<uint>);
        schema["LabelKey"].GetKeyValues(ref keys);
        return keys.DenseValues().Select(v => (int)v).ToArray();
    }
}
