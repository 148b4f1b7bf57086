namespace MnistEmr.Job.Shared.Model;

/// <summary>
/// The hyperparameters of the LightGBM multiclass trainer, recorded in the model card. The defaults were chosen by
/// 5-fold cross-validation on the sample's 10,000 digits (bench/README.md). Each round uses a random
/// half of the digits, and each tree 15 bins per feature and 15 % of the features. Those settings train in about a
/// third of the time of 255 bins, all digits and half the features, and generalize at least as well: fewer, coarser
/// choices per split regularize. 15 bins and 15 % of the features against 63 bins and 25 %: 25 % less CPU per fit,
/// and the same or better cross-validated accuracy under three draws of folds and seeds.
/// </summary>
/// <param name="Iterations">Boosting rounds.</param>
/// <param name="Leaves">Maximum leaves per tree.</param>
/// <param name="LearningRate">Shrinkage per round.</param>
/// <param name="MinExamplesPerLeaf">Minimum digits in a leaf.</param>
/// <param name="FeatureFraction">Fraction of features sampled per tree.</param>
/// <param name="Seed">Seed of ML.NET and LightGBM.</param>
/// <param name="MaxBins">Histogram bins per feature (LightGBM's max_bin).</param>
/// <param name="SubsampleFraction">Fraction of the digits each round is fitted on (LightGBM's bagging_fraction, redrawn every round); 1 uses all.</param>
internal sealed record TrainerSettings(
    int Iterations = 200,
    int Leaves = 31,
    double LearningRate = 0.1,
    int MinExamplesPerLeaf = 10,
    double FeatureFraction = 0.15,
    int Seed = 1,
    int MaxBins = 15,
    double SubsampleFraction = 0.5);
