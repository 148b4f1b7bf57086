namespace MnistEmr.Job.Score;

/// <summary>One digit and its probability, as the top three of a prediction list them.</summary>
/// <param name="Digit">The digit 0-9.</param>
/// <param name="Probability">Its probability, rounded to <see cref="ScoredImage.Decimals"/> decimals.</param>
internal sealed record DigitProbability(int Digit, double Probability);

/// <summary>
/// The outcome of scoring one input image: its digit with the confidence and the three most probable digits, or the
/// rejection that kept it from being scored. The same record whether it was computed in-process or crossed the row
/// protocol, so the local <c>score</c> and the EMR step write the same lines.
/// </summary>
/// <param name="Key">The image's key relative to the input root.</param>
/// <param name="Digit">The predicted digit; null for a rejection.</param>
/// <param name="Confidence">The probability of <paramref name="Digit"/>; 0 for a rejection.</param>
/// <param name="Top">The three most probable digits, most probable first (ties: the lower digit first); empty for a rejection.</param>
/// <param name="Rejection">Why the image was not scored, or null.</param>
/// <param name="Skipped">Why the file is no input of scoring at all (<see cref="ScoreKeys.SkipReason"/>), or null.</param>
internal sealed record ScoredImage(string Key, int? Digit, double Confidence, IReadOnlyList<DigitProbability> Top, Rejection? Rejection, string? Skipped = null)
{
    /// <summary>
    /// Decimals kept of each probability: the model's are 32-bit floats, so more would be noise; rounding once, before
    /// anything is written, makes the text of a row and of a JSON line the same number.
    /// </summary>
    public const int Decimals = 6;

    /// <summary>How many digits <see cref="Top"/> lists.</summary>
    public const int TopCount = 3;

    /// <summary>The scored image of <paramref name="key"/> from the model's answer.</summary>
    public static ScoredImage From(string key, DigitPrediction prediction)
    {
        // Ordered before rounding, as the model picked its digit (the first most probable), so Top[0] is Digit.
        var top = prediction.Probabilities
            .Select((p, digit) => (Digit: digit, Probability: p))
            .OrderByDescending(d => d.Probability)
            .ThenBy(d => d.Digit)
            .Take(TopCount)
            .Select(d => new DigitProbability(d.Digit, Math.Round(d.Probability, Decimals)))
            .ToList();
        return new ScoredImage(key, prediction.Label, Math.Round(prediction.Confidence, Decimals), top, null);
    }

    /// <summary>The rejected input <paramref name="rejection"/>.</summary>
    public static ScoredImage Rejected(Rejection rejection) => new(rejection.Key, null, 0, [], rejection);

    /// <summary>A file under the input that is no input of scoring, and why (<see cref="ScoreKeys.SkipReason"/>).</summary>
    public static ScoredImage Skip(string key, string why) => new(key, null, 0, [], null, why);

    /// <summary>Whether the image was classified (neither rejected nor skipped).</summary>
    public bool IsScored => Rejection is null && Skipped is null;
}
