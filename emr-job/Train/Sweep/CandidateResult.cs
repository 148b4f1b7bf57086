namespace MnistEmr.Job.Train.Sweep;

/// <summary>One trained configuration of a sweep, as <c>candidates/&lt;n&gt;/candidate.json</c> records it.</summary>
/// <param name="Index">The candidate's number.</param>
/// <param name="Settings">Its hyperparameters.</param>
/// <param name="FitDigits">Digits it was fitted on.</param>
/// <param name="ValidationDigits">Digits it was judged on.</param>
/// <param name="ValidationLogLoss">Multiclass log-loss on the validation part: what the sweep minimizes.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation part.</param>
/// <param name="TrainingSeconds">Wall time of its featurizing and fitting.</param>
/// <param name="TrainingAccuracy">Accuracy on its fit part (a sanity check, not an evaluation).</param>
/// <param name="Threads">LightGBM threads it trained on.</param>
/// <param name="ModelKey">Key of its model zip in S3|4.</param>
/// <param name="ModelBytes">Size of its model zip.</param>
/// <param name="ModelSha256">SHA-256 of its model zip.</param>
internal sealed record CandidateResult(
    int Index,
    TrainerSettings Settings,
    int FitDigits,
    int ValidationDigits,
    double ValidationLogLoss,
    double ValidationAccuracy,
    double TrainingSeconds,
    double TrainingAccuracy,
    int Threads,
    string ModelKey,
    long ModelBytes,
    string ModelSha256);
