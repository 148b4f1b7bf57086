namespace MnistJob.Core;

/// <summary>The hyperparameters of the LightGBM multiclass trainer, recorded in the model card.</summary>
/// <param name="Iterations">Boosting rounds.</param>
/// <param name="Leaves">Maximum leaves per tree.</param>
/// <param name="LearningRate">Shrinkage per round.</param>
/// <param name="MinExamplesPerLeaf">Minimum digits in a leaf.</param>
/// <param name="FeatureFraction">Fraction of features sampled per tree.</param>
/// <param name="Seed">Seed of ML.NET and LightGBM.</param>
public sealed record TrainerSettings(
    int Iterations = 200,
    int Leaves = 31,
    double LearningRate = 0.1,
    int MinExamplesPerLeaf = 10,
    double FeatureFraction = 0.5,
    int Seed = 1);
