using Microsoft.ML.Data;

namespace MnistJob.Training;

/// <summary>One row of the model's input: the label (training only) and the features.</summary>
public sealed class DigitFeatures
{
    /// <summary>The digit 0-9; ignored at inference.</summary>
    public uint Label { get; set; }

    /// <summary>The features from <see cref="DigitFeaturizer"/>.</summary>
    [VectorType(DigitFeaturizer.FeatureCount)]
    public float[] Features { get; set; } = [];
}
