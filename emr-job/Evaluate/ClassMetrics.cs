namespace MnistEmr.Job.Evaluate;

/// <summary>Precision, recall and F1 of one digit.</summary>
/// <param name="Label">The digit.</param>
/// <param name="Support">How many test digits carry this label.</param>
/// <param name="Predicted">How many test digits were predicted as this label.</param>
/// <param name="Precision">Correct / predicted; 0 when nothing was predicted.</param>
/// <param name="Recall">Correct / support; 0 when the support is 0.</param>
/// <param name="F1">Harmonic mean of precision and recall; 0 when both are 0.</param>
internal sealed record ClassMetrics(int Label, int Support, int Predicted, double Precision, double Recall, double F1);
