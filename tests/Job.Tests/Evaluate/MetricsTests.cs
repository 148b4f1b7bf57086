namespace MnistEmr.Job.Tests.Evaluate;

[TestFixture]
public class MetricsTests
{
    /// <summary>
    /// Digit 0: 8 right, 2 taken for 1. Digit 1: 9 right, 1 taken for 0. Digits 2-9: 10 right each.
    /// By hand: P0 = 8/9, R0 = 0.8, F1_0 = 16/19; P1 = 9/11, R1 = 0.9, F1_1 = 6/7; accuracy 97/100.
    /// </summary>
    private static ConfusionMatrix HandMade()
    {
        var confusion = new ConfusionMatrix();
        for (var i = 0; i < 8; i++) confusion.Add(0, 0);
        for (var i = 0; i < 2; i++) confusion.Add(0, 1);
        for (var i = 0; i < 9; i++) confusion.Add(1, 1);
        confusion.Add(1, 0);
        for (var digit = 2; digit < 10; digit++)
        {
            for (var i = 0; i < 10; i++) confusion.Add(digit, digit);
        }

        return confusion;
    }

    [Test]
    public void From_HandComputedMatrix_GivesHandComputedScores()
    {
        var metrics = ClassificationMetrics.From(HandMade(), 0.25);

        Assert.That(metrics.Accuracy, Is.EqualTo(0.97).Within(1e-12));
        Assert.That(metrics.PerClass[0].Precision, Is.EqualTo(8.0 / 9).Within(1e-12));
        Assert.That(metrics.PerClass[0].Recall, Is.EqualTo(0.8).Within(1e-12));
        Assert.That(metrics.PerClass[0].F1, Is.EqualTo(16.0 / 19).Within(1e-12));
        Assert.That(metrics.PerClass[1].Precision, Is.EqualTo(9.0 / 11).Within(1e-12));
        Assert.That(metrics.PerClass[1].F1, Is.EqualTo(6.0 / 7).Within(1e-12));
        Assert.That(metrics.PerClass[5].F1, Is.EqualTo(1.0));
        Assert.That(metrics.MacroF1, Is.EqualTo(((16.0 / 19) + (6.0 / 7) + 8) / 10).Within(1e-12));
        Assert.That(metrics.MacroRecall, Is.EqualTo((0.8 + 0.9 + 8) / 10).Within(1e-12));
        Assert.That(metrics.PerClass[0].Support, Is.EqualTo(10));
        Assert.That(metrics.PerClass[0].Predicted, Is.EqualTo(9));
        Assert.That(metrics.LogLoss, Is.EqualTo(0.25));
    }

    [Test]
    public void From_DigitNeverPredicted_ScoresZeroNotNaN()
    {
        var confusion = new ConfusionMatrix();
        confusion.Add(3, 5);

        var metrics = ClassificationMetrics.From(confusion, 0);

        Assert.That(metrics.PerClass[3].Precision, Is.EqualTo(0));
        Assert.That(metrics.PerClass[5].Precision, Is.EqualTo(0));
        Assert.That(metrics.MacroF1, Is.EqualTo(0));
        Assert.That(metrics.Accuracy, Is.EqualTo(0));
    }

    [Test]
    public void LogLoss_KnownProbabilities_IsMeanNegativeLog()
    {
        var loss = LogLoss.Compute([(0, [0.5f, 0.5f]), (1, [0.75f, 0.25f])]);

        Assert.That(loss, Is.EqualTo((Math.Log(2) + Math.Log(4)) / 2).Within(1e-6));
    }

    [Test]
    public void LogLoss_ZeroProbability_IsClippedAndFinite()
    {
        Assert.That(LogLoss.Compute([(1, [1f, 0f])]), Is.EqualTo(-Math.Log(LogLoss.Epsilon)).Within(1e-9));
    }
}
