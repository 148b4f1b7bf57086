namespace MnistEmr.Job.Evaluate;

/// <summary>Accuracy, macro averages, per-class scores and log-loss of a multiclass evaluation.</summary>
/// <param name="Accuracy">Correct / total.</param>
/// <param name="MacroPrecision">Unweighted mean of the per-class precisions.</param>
/// <param name="MacroRecall">Unweighted mean of the per-class recalls.</param>
/// <param name="MacroF1">Unweighted mean of the per-class F1 scores.</param>
/// <param name="LogLoss">Mean negative log-probability of the true label.</param>
/// <param name="PerClass">Scores of digits 0-9.</param>
/// <param name="Confusion">Row = true label, column = predicted label.</param>
internal sealed record ClassificationMetrics(
    double Accuracy,
    double MacroPrecision,
    double MacroRecall,
    double MacroF1,
    double LogLoss,
    IReadOnlyList<ClassMetrics> PerClass,
    int[][] Confusion)
{
    /// <summary>Computes the metrics from a confusion matrix and a log-loss.</summary>
    public static ClassificationMetrics From(ConfusionMatrix confusion, double logLoss)
    {
        var perClass = new List<ClassMetrics>();
        for (var label = 0; label < ConfusionMatrix.Classes; label++)
        {
            var correct = confusion.Counts[label][label];
            var support = confusion.Counts[label].Sum();
            var predicted = confusion.Counts.Sum(row => row[label]);
            var precision = predicted == 0 ? 0 : (double)correct / predicted;
            var recall = support == 0 ? 0 : (double)correct / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassMetrics(label, support, predicted, precision, recall, f1));
        }

        var total = confusion.Total;
        return new ClassificationMetrics(
            total == 0 ? 0 : (double)confusion.Correct / total,
            perClass.Average(c => c.Precision),
            perClass.Average(c => c.Recall),
            perClass.Average(c => c.F1),
            logLoss,
            perClass,
            confusion.Counts);
    }
}
