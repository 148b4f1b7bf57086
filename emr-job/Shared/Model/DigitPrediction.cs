namespace MnistEmr.Job.Shared.Model;

/// <summary>The model's answer for one digit.</summary>
/// <param name="Label">The most probable digit.</param>
/// <param name="Probabilities">The probability of each digit 0-9.</param>
internal sealed record DigitPrediction(int Label, IReadOnlyList<float> Probabilities)
{
    /// <summary>The probability of the predicted digit.</summary>
    public float Confidence => Probabilities[Label];
}
