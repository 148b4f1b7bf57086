namespace MnistEmr.Job.Tests.Shared.Model;

[TestFixture]
public class DigitForestTests
{
    private static readonly TrainerSettings Quick = new(Iterations: 30);

    [Test]
    public async Task Predict_RealSample_SameLabelsAndProbabilitiesAsMlNetBitForBit()
    {
        var (model, test) = await TrainAsync();

        var fast = model.Predict(test);
        var reference = model.PredictWithMlNet(test);

        Assert.That(model.UsesForest, Is.True, "the forest reads the models the trainer writes, with the ML.NET version referenced");
        Assert.That(fast.Select(p => p.Label), Is.EqualTo(reference.Select(p => p.Label)));
        Assert.That(fast.Select(p => p.Probabilities.ToArray()), Is.EqualTo(reference.Select(p => p.Probabilities.ToArray())));
    }

    [Test]
    public async Task Predict_BitvectorsAgainstTheWalk_SameProbabilitiesBitForBitInBlocksOfEverySize()
    {
        var (_, trained, test) = await TrainSampleAsync();
        var model = trained.Model;
        var bitvectors = DigitForest.TryFrom(model, DigitFeaturizer.FeatureCount)!;
        var walk = DigitForest.TryFrom(model, DigitFeaturizer.FeatureCount, bitvectorLeaves: 0)!;
        var features = test.SelectMany(d => DigitFeaturizer.Extract(d.Pixels)).ToArray();
        var expected = new float[test.Count * walk.Classes];
        walk.Predict(features, test.Count, expected);

        Assert.That(bitvectors.UsesBitvectors, Is.True);
        Assert.That(walk.UsesBitvectors, Is.False);
        foreach (var block in new[] { 1, 3, 4, 5, 64, test.Count })
        {
            var actual = new float[test.Count * walk.Classes];
            for (var first = 0; first < test.Count; first += block)
            {
                var rows = Math.Min(block, test.Count - first);
                bitvectors.Predict(
                    features.AsSpan(first * DigitFeaturizer.FeatureCount, rows * DigitFeaturizer.FeatureCount),
                    rows,
                    actual.AsSpan(first * walk.Classes, rows * walk.Classes));
            }

            Assert.That(actual, Is.EqualTo(expected), $"blocks of {block}");
        }
    }

    [Test]
    public async Task TryFrom_TreesAboveTheBitvectorLimit_WalkedWithMlNetsProbabilities()
    {
        var (ml, trained, test) = await TrainSampleAsync();
        var model = trained.Model;
        var limited = DigitForest.TryFrom(model, DigitFeaturizer.FeatureCount, bitvectorLeaves: 4)!;
        var features = test.SelectMany(d => DigitFeaturizer.Extract(d.Pixels)).ToArray();
        var probabilities = new float[test.Count * limited.Classes];
        limited.Predict(features, test.Count, probabilities);
        var reference = new DigitModel(ml, model).PredictWithMlNet(test.Select(d => d.Pixels).ToList());

        Assert.That(limited.UsesBitvectors, Is.False, "the trees have more than 4 leaves");
        Assert.That(probabilities, Is.EqualTo(reference.SelectMany(p => p.Probabilities.ToArray())));
    }

    [Test]
    public async Task Predict_OneThreadOrAll_SamePredictions()
    {
        var (model, test) = await TrainAsync();

        var one = model.Predict(test, threads: 1);
        var all = model.Predict(test, threads: 4);

        Assert.That(one.Select(p => p.Probabilities.ToArray()), Is.EqualTo(all.Select(p => p.Probabilities.ToArray())));
    }

    [Test]
    public async Task Predict_ModelSavedAndLoaded_StillUsesTheForestWithTheSamePredictions()
    {
        var (ml, result, digits) = await TrainSampleAsync();
        var test = digits.Select(d => d.Pixels).ToList();
        using var zip = new MemoryStream();
        DigitModel.Save(ml, result, zip);
        zip.Position = 0;

        var loaded = DigitModel.Load(new MLContext(seed: 1), zip, "model.zip");

        Assert.That(loaded.UsesForest, Is.True);
        Assert.That(
            loaded.Predict(test).Select(p => p.Probabilities.ToArray()),
            Is.EqualTo(new DigitModel(ml, result.Model).PredictWithMlNet(test).Select(p => p.Probabilities.ToArray())));
    }

    [Test]
    public async Task Predict_ModelThatIsNotAForest_FallsBackToMlNet()
    {
        var ml = new MLContext(seed: 1);
        var train = RealSample.Labeled(await RealSample.ReadSplitAsync(DatasetSplit.Train)).Take(200).ToList();
        var rows = DigitModel.ToRows(train);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("LabelKey", "Features", maximumNumberOfIterations: 2))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedDigit", "PredictedLabel"));
        var model = new DigitModel(ml, pipeline.Fit(ml.Data.LoadFromEnumerable(rows)));
        var pixels = train.Take(20).Select(d => d.Pixels).ToList();

        var predictions = model.Predict(pixels);

        Assert.That(model.UsesForest, Is.False);
        Assert.That(predictions.Select(p => p.Probabilities.ToArray()), Is.EqualTo(model.PredictWithMlNet(pixels).Select(p => p.Probabilities.ToArray())));
    }

    private static async Task<(DigitModel Model, List<byte[]> Test)> TrainAsync()
    {
        var (ml, result, test) = await TrainSampleAsync();
        return (new DigitModel(ml, result.Model), test.Select(d => d.Pixels).ToList());
    }

    /// <summary>The real sample's train split trained with <see cref="Quick"/> in a seeded context, and its test split.</summary>
    private static async Task<(MLContext Ml, TrainedModel Result, IReadOnlyList<LabeledDigit> Test)> TrainSampleAsync()
    {
        var ml = new MLContext(seed: 1);
        var train = RealSample.Labeled(await RealSample.ReadSplitAsync(DatasetSplit.Train));
        var test = RealSample.Labeled(await RealSample.ReadSplitAsync(DatasetSplit.Test));
        return (ml, new MnistTrainer(ml).Train(train, Quick), test);
    }
}
