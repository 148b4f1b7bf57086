namespace MnistEmr.Job.Report;

/// <summary>What a model is and how it was made, written beside it in S3|4.</summary>
/// <param name="RunId">The run.</param>
/// <param name="CreatedUtc">When training finished.</param>
/// <param name="Trainer">The ML.NET trainer.</param>
/// <param name="Hyperparameters">Its settings.</param>
/// <param name="Featurizer">The feature extraction applied to pixels before the model (same at inference).</param>
/// <param name="FeatureCount">Features per digit.</param>
/// <param name="TrainingData">The data trained on.</param>
/// <param name="Rejections">The rejected training inputs.</param>
/// <param name="TrainingSeconds">Wall time of the fit.</param>
/// <param name="TrainingAccuracy">Accuracy on the training digits (a sanity check, not an evaluation).</param>
/// <param name="ModelKey">Key of the model zip in S3|4.</param>
/// <param name="ModelSha256">SHA-256 of the model zip.</param>
/// <param name="Libraries">Library and runtime versions.</param>
internal sealed record ModelCard(
    string RunId,
    DateTimeOffset CreatedUtc,
    string Trainer,
    TrainerSettings Hyperparameters,
    string Featurizer,
    int FeatureCount,
    TrainingDataSummary TrainingData,
    IReadOnlyList<Rejection> Rejections,
    double TrainingSeconds,
    double TrainingAccuracy,
    string ModelKey,
    string ModelSha256,
    IReadOnlyDictionary<string, string> Libraries)
{
    /// <summary>The sweep the model was chosen by; null (and left out of the JSON) when it was trained alone.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SweepSummary? Sweep { get; init; }

    /// <summary>
    /// The LightGBM threads of the fit: the model can depend on them, and its training time does. Null (and left out
    /// of the JSON) in a card written before they were recorded.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? TrainingThreads { get; init; }
}
