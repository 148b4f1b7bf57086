using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;

namespace MnistEmr.Job.Shared.Model;

/// <summary>
/// Trains the LightGBM multiclass digit classifier, on <paramref name="threads"/> threads (all cores when null), with
/// column-wise histograms unless <paramref name="forceColumnWise"/> is false: only the benchmark's baseline turns them
/// off, to time LightGBM's own choice of layout beside the job's.
/// </summary>
internal sealed class MnistTrainer(MLContext ml, int? threads = null, bool forceColumnWise = true)
{
    /// <summary>The trainer named in the model card.</summary>
    public const string TrainerName = "ML.NET LightGBM multiclass (softmax) on deskewed pixels, gradient histograms and profiles";

    /// <summary>
    /// The LightGBM threads it trains on: the ones it was given, else every core the process sees. The model can
    /// depend on them (two threads fit slightly differently from one: bench/README.md), so the model
    /// card records them.
    /// </summary>
    public int Threads { get; } = threads is null or >= 1
        ? threads ?? Environment.ProcessorCount
        : throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");

    /// <summary>Fits a model to <paramref name="digits"/>.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.IntegrityFailure"/> when there is nothing to train on.</exception>
    public TrainedModel Train(IReadOnlyList<LabeledDigit> digits, TrainerSettings settings)
    {
        if (digits.Count == 0)
        {
            throw ToolException.Integrity("no usable training digits: nothing to train on");
        }

        var watch = Stopwatch.StartNew();
        var rows = DigitModel.ToRows(digits);
        var (model, schema) = Fit(rows, DigitFeaturizer.FeatureCount, settings);
        watch.Stop();
        return new TrainedModel(model, schema, settings, digits.Count, watch.Elapsed, Accuracy(model, rows, DigitFeaturizer.FeatureCount));
    }

    /// <summary>
    /// Fits the pipeline to rows already featurized, <paramref name="featureCount"/> features each: the step
    /// <see cref="Train"/> times, and what the benchmark's cross-validation calls with the features it compares.
    /// </summary>
    public (ITransformer Model, DataViewSchema InputSchema) Fit(IReadOnlyList<DigitFeatures> rows, int featureCount, TrainerSettings settings)
    {
        var data = ml.Data.LoadFromEnumerable(rows, DigitFeatures.Schema(featureCount));
        return (Pipeline(settings).Fit(data), data.Schema);
    }

    /// <summary>The share of <paramref name="rows"/> that <paramref name="model"/> labels right.</summary>
    public double Accuracy(ITransformer model, IReadOnlyList<DigitFeatures> rows, int featureCount)
    {
        if (DigitForest.TryFrom(model, featureCount) is { } forest)
        {
            var digitOfSlot = DigitModel.DigitsOfScoreSlots(model.GetOutputSchema(ml.Data.LoadFromEnumerable(rows, DigitFeatures.Schema(featureCount)).Schema));
            var correct = 0;
            Parallel.For(0, rows.Count, () => (Count: 0, Slots: new float[forest.Classes]), (i, _, local) =>
            {
                forest.Predict(rows[i].Features, local.Slots);
                var best = 0;
                for (var slot = 1; slot < forest.Classes; slot++)
                {
                    best = local.Slots[slot] > local.Slots[best] ? slot : best;
                }

                return (local.Count + (digitOfSlot[best] == rows[i].Label ? 1 : 0), local.Slots);
            }, local => Interlocked.Add(ref correct, local.Count));
            return correct / (double)rows.Count;
        }

        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows, DigitFeatures.Schema(featureCount)));
        return ml.MulticlassClassification.Evaluate(scored, labelColumnName: "LabelKey").MicroAccuracy;
    }

    private IEstimator<ITransformer> Pipeline(TrainerSettings settings) =>
        // Keys ordered by value, so score slot i is the probability of digit i.
        ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.MulticlassClassification.Trainers.LightGbm(LightGbmOptions(settings)))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedDigit", "PredictedLabel"));

    /// <summary>The LightGBM trainer's options for <paramref name="settings"/>.</summary>
    internal LightGbmMulticlassTrainer.Options LightGbmOptions(TrainerSettings settings) => new()
    {
        LabelColumnName = "LabelKey",
        FeatureColumnName = "Features",
        NumberOfIterations = settings.Iterations,
        NumberOfLeaves = settings.Leaves,
        LearningRate = settings.LearningRate,
        MinimumExampleCountPerLeaf = settings.MinExamplesPerLeaf,
        MaximumBinCountPerFeature = settings.MaxBins,
        Booster = new GradientBooster.Options
        {
            FeatureFraction = settings.FeatureFraction,
            SubsampleFraction = settings.SubsampleFraction,
            SubsampleFrequency = settings.SubsampleFraction < 1 ? 1 : 0,
        },
        Seed = settings.Seed,
        UseSoftmax = true,
        // Left unset, ML.NET runs LightGBM on one thread.
        NumberOfThreads = Threads,
        // LightGBM's force_col_wise. Left to itself, LightGBM times both histogram layouts on its first histogram,
        // with every digit and every feature, and here picks row-wise, which walks every feature of a row although
        // each tree uses a fraction of them. Column-wise walks only a tree's features: the same model in about a
        // third of the time (bench/README.md). LightGBM's parameter reference (Parameters.rst,
        // force_col_wise) recommends it for many columns, 16 threads or fewer, and a small feature_fraction.
        ForceColumnWise = forceColumnWise,
        Silent = true,
    };
}
