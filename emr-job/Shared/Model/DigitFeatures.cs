using Microsoft.ML.Data;

namespace MnistEmr.Job.Shared.Model;

/// <summary>One row of the model's input: the label (training only) and the features.</summary>
internal sealed class DigitFeatures
{
    /// <summary>The digit 0-9; ignored at inference.</summary>
    public uint Label { get; set; }

    /// <summary>The features from <see cref="DigitFeaturizer"/>.</summary>
    [VectorType(DigitFeaturizer.FeatureCount)]
    public float[] Features { get; set; } = [];

    /// <summary>The schema of rows with <paramref name="featureCount"/> features (the attribute's size is the featurizer's).</summary>
    public static SchemaDefinition Schema(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(DigitFeatures));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }
}
