using Microsoft.ML;
using Microsoft.ML.Data;
using MnistEmr.Common.Cli;
using MnistJob.Core;

namespace MnistJob.Training;

/// <summary>A trained classifier: saves to and loads from an ML.NET model zip and classifies digits in batches.</summary>
public sealed class DigitModel
{
    private readonly MLContext ml;
    private readonly ITransformer model;

    /// <summary>Wraps a fitted pipeline.</summary>
    public DigitModel(MLContext ml, ITransformer model)
    {
        this.ml = ml;
        this.model = model;
    }

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
    public static void Save(MLContext ml, TrainingResult result, Stream output) => ml.Model.Save(result.Model, result.InputSchema, output);

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

    /// <summary>Classifies each of <paramref name="pixels"/> (784 bytes each), in order.</summary>
    public IReadOnlyList<DigitPrediction> Predict(IReadOnlyList<byte[]> pixels)
    {
        var rows = new DigitFeatures[pixels.Count];
        Parallel.For(0, pixels.Count, i => rows[i] = new DigitFeatures { Features = DigitFeaturizer.Extract(pixels[i]) });
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows));
        var digitOfSlot = DigitsOfScoreSlots(scored.Schema);
        var predictions = new List<DigitPrediction>(pixels.Count);
        using var cursor = scored.GetRowCursor([scored.Schema["Score"]]);
        var getScore = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
        var score = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getScore(ref score);
            var probabilities = new float[Core.ConfusionMatrix.Classes];
            var values = score.DenseValues().ToArray();
            for (var slot = 0; slot < values.Length; slot++)
            {
                probabilities[digitOfSlot[slot]] = values[slot];
            }

            var best = Array.IndexOf(probabilities, probabilities.Max());
            predictions.Add(new DigitPrediction(best, probabilities));
        }

        return predictions;
    }

    /// <summary>
    /// The digit of each score slot, from the label keys' values: a training set missing a digit has fewer slots.
    /// </summary>
    private static int[] DigitsOfScoreSlots(DataViewSchema schema)
    {
        var keys = default(VBuffer<uint>);
        schema["LabelKey"].GetKeyValues(ref keys);
        return keys.DenseValues().Select(v => (int)v).ToArray();
    }
}
