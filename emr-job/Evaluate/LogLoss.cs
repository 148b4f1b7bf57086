namespace MnistEmr.Job.Evaluate;

/// <summary>Multiclass log-loss: the mean of -ln(probability given to the true label).</summary>
internal static class LogLoss
{
    /// <summary>Probabilities are clipped to this floor, as usual, so one confident mistake stays finite.</summary>
    public const double Epsilon = 1e-15;

    /// <summary>Computes the log-loss of <paramref name="predictions"/>; 0 for none.</summary>
    public static double Compute(IEnumerable<(int Label, IReadOnlyList<float> Probabilities)> predictions)
    {
        double sum = 0;
        var count = 0;
        foreach (var (label, probabilities) in predictions)
        {
            sum -= Math.Log(Math.Max(probabilities[label], Epsilon));
            count++;
        }

        return count == 0 ? 0 : sum / count;
    }
}
