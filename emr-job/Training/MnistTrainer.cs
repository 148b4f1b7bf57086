using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;
using MnistEmr.Common.Cli;
using MnistJob.Core;

namespace MnistJob.Training;

/// <summary>Trains the LightGBM multiclass digit classifier.</summary>
public sealed class MnistTrainer(MLContext ml)
{
    /// <summary>The trainer named in the model card.</summary>
    public const string TrainerName = "ML.NET LightGBM multiclass (softmax) on deskewed pixels and gradient histograms";

    /// <summary>Fits a model to <paramref name="digits"/>.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.IntegrityFailure"/> when there is nothing to train on.</exception>
    public TrainingResult Train(IReadOnlyList<LabeledDigit> digits, TrainerSettings settings)
    {
        if (digits.Count == 0)
        {
            throw ToolException.Integrity("no usable training digits: nothing to train on");
        }

        var watch = Stopwatch.StartNew();
        var data = ml.Data.LoadFromEnumerable(DigitModel.ToRows(digits));
        var model = Pipeline(settings).Fit(data);
        watch.Stop();
        var scored = model.Transform(data);
        var accuracy = ml.MulticlassClassification.Evaluate(scored, labelColumnName: "LabelKey").MicroAccuracy;
        return new TrainingResult(model, data.Schema, settings, digits.Count, watch.Elapsed, accuracy);
    }

    private IEstimator<ITransformer> Pipeline(TrainerSettings settings) =>
        // Keys ordered by value, so score slot i is the probability of digit i.
        ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = "LabelKey",
                FeatureColumnName = "Features",
                NumberOfIterations = settings.Iterations,
                NumberOfLeaves = settings.Leaves,
                LearningRate = settings.LearningRate,
                MinimumExampleCountPerLeaf = settings.MinExamplesPerLeaf,
                Booster = new GradientBooster.Options { FeatureFraction = settings.FeatureFraction },
                Seed = settings.Seed,
                UseSoftmax = true,
                // Left unset, ML.NET runs LightGBM on one thread.
                NumberOfThreads = Environment.ProcessorCount,
                Silent = true,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedDigit", "PredictedLabel"));
}
