namespace MnistJob.Core;

/// <summary>
/// The hyperparameters of the LightGBM multiclass trainer, recorded in the model card. The defaults were chosen by
/// 5-fold cross-validation on the sample's 10,000 digits (bench/EmrJob.Bench/README.md): 63 bins, each round on a
/// random half of the digits and each tree on a quarter of the features train in well under half the time of 255
/// bins, all digits and half the features, and generalize better (fewer, coarser choices per split regularize).
/// </summary>
/// <param name="Iterations">Boosting rounds.</param>
/// <param name="Leaves">Maximum leaves per tree.</param>
/// <param name="LearningRate">Shrinkage per round.</param>
/// <param name="MinExamplesPerLeaf">Minimum digits in a leaf.</param>
/// <param name="FeatureFraction">Fraction of features sampled per tree.</param>
/// <param name="Seed">Seed of ML.NET and LightGBM.</param>
/// <param name="MaxBins">Histogram bins per feature (LightGBM's max_bin).</param>
/// <param name="SubsampleFraction">Fraction of the digits each round is fitted on (LightGBM's bagging_fraction, redrawn every round); 1 uses all.</param>
public sealed record TrainerSettings(
    int Iterations = 200,
    int Leaves = 31,
    double LearningRate = 0.1,
    int MinExamplesPerLeaf = 10,
    double FeatureFraction = 0.25,
    int Seed = 1,
    int MaxBins = 63,
    double SubsampleFraction = 0.5);
