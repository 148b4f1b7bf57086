namespace MnistEmr.Job.Tests.Shared.Model;

[TestFixture]
public class MnistTrainerTests
{
    private static readonly TrainerSettings Quick = new(Iterations: 40);

    [Test]
    public async Task Train_SmallRealSample_PredictsHeldOutDigitsWellAndSurvivesSaveLoad()
    {
        var train = RealSample.Labeled(await RealSample.ReadSplitAsync(DatasetSplit.Train));
        var test = RealSample.Labeled(await RealSample.ReadSplitAsync(DatasetSplit.Test));
        var ml = new MLContext(seed: 1);

        var result = new MnistTrainer(ml).Train(train, Quick);
        var model = new DigitModel(ml, result.Model);
        var predictions = model.Predict(test.Select(d => d.Pixels).ToList());
        var accuracy = predictions.Zip(test).Count(p => p.First.Label == p.Second.Label) / (double)test.Count;

        Assert.That(result.TrainingCount, Is.EqualTo(RealSample.Train));
        Assert.That(result.Duration, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(result.TrainingAccuracy, Is.GreaterThan(0.9));
        Assert.That(accuracy, Is.GreaterThan(0.8), "a modest floor for 600 digits and 40 rounds; the benchmark checks the 97% target");
        Assert.That(predictions.All(p => p.Probabilities.Count == 10 && Math.Abs(p.Probabilities.Sum() - 1) < 1e-3), Is.True);
        Assert.That(predictions.All(p => p.Confidence == p.Probabilities.Max()), Is.True);

        using var zip = new MemoryStream();
        DigitModel.Save(ml, result, zip);
        zip.Position = 0;
        var loaded = DigitModel.Load(new MLContext(seed: 1), zip, "model.zip");
        Assert.That(loaded.Predict(test.Take(20).Select(d => d.Pixels).ToList()).Select(p => p.Label), Is.EqualTo(predictions.Take(20).Select(p => p.Label)));
    }

    [TestCase(1)]
    [TestCase(3)]
    public void Threads_Given_AreTheOnesLightGbmIsGiven(int threads)
    {
        var trainer = new MnistTrainer(new MLContext(1), threads);

        Assert.That(trainer.Threads, Is.EqualTo(threads));
        Assert.That(trainer.LightGbmOptions(Quick).NumberOfThreads, Is.EqualTo(threads));
    }

    [Test]
    public void Threads_NotGiven_EveryCore()
    {
        var trainer = new MnistTrainer(new MLContext(1));

        Assert.That(trainer.Threads, Is.EqualTo(Environment.ProcessorCount));
        Assert.That(trainer.LightGbmOptions(Quick).NumberOfThreads, Is.EqualTo(Environment.ProcessorCount));
    }

    [Test]
    public void Threads_Zero_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MnistTrainer(new MLContext(1), 0));
    }

    [Test]
    public void Train_NoDigits_IsIntegrityFailure()
    {
        var ex = Assert.Throws<ToolException>(() => new MnistTrainer(new MLContext(1)).Train([], Quick));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.IntegrityFailure));
    }

    [Test]
    public void Load_NotAModel_IsIntegrityFailure()
    {
        var ex = Assert.Throws<ToolException>(() => DigitModel.Load(new MLContext(1), new MemoryStream("junk"u8.ToArray()), "m.zip"));

        Assert.That(ex!.Message, Does.StartWith("m.zip is not a model"));
    }

    [Test]
    public void Featurizer_BlankDigit_GivesZeroFeatures()
    {
        var features = DigitFeaturizer.Extract(new byte[784]);

        Assert.That(features, Has.Length.EqualTo(DigitFeaturizer.FeatureCount));
        Assert.That(features.All(f => f == 0), Is.True);
    }
}
