namespace MnistEmr.Job.Train.Sweep;

/// <summary>
/// What the sweep's data task found in FORMAT A, beside the pack of digits it wrote: the card's account of the
/// training data, whichever task writes the card.
/// </summary>
/// <param name="TrainingData">The data trained on, as a single training's card gives it.</param>
/// <param name="Rejections">The rejected training inputs.</param>
/// <param name="FitDigits">Digits every candidate is fitted on.</param>
/// <param name="ValidationDigits">Digits every candidate is judged on.</param>
/// <param name="PackKey">Key of the <see cref="TrainingPack"/> in S3|4.</param>
/// <param name="PackSha256">SHA-256 of the pack, checked by every task that reads it.</param>
internal sealed record SweepData(TrainingDataSummary TrainingData, IReadOnlyList<Rejection> Rejections, int FitDigits, int ValidationDigits, string PackKey, string PackSha256)
{
    /// <summary>
    /// When the sweep began (the pack was written): the pick counts the sweep's whole time from it, candidates and
    /// refit, whichever tasks ran them. Null in data written before it was recorded.
    /// </summary>
    public DateTimeOffset? StartedUtc { get; init; }
}
