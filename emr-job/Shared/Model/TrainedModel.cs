namespace MnistEmr.Job.Shared.Model;

/// <summary>A trained model and how it was made.</summary>
/// <param name="Model">The fitted ML.NET pipeline.</param>
/// <param name="InputSchema">The schema of its input, needed to save it.</param>
/// <param name="Settings">The hyperparameters used.</param>
/// <param name="TrainingCount">Digits trained on.</param>
/// <param name="Duration">Wall time of featurizing and fitting.</param>
/// <param name="TrainingAccuracy">Accuracy on the training digits.</param>
internal sealed record TrainedModel(
    ITransformer Model,
    DataViewSchema InputSchema,
    TrainerSettings Settings,
    int TrainingCount,
    TimeSpan Duration,
    double TrainingAccuracy);
