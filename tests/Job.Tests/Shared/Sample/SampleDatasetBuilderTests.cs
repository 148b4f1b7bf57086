namespace MnistEmr.Job.Tests.Shared.Sample;

[TestFixture]
public class SampleDatasetBuilderTests
{
    [Test]
    public void Build_RealDigits_DefinitionPassesTheLoadersParserAndVerifier()
    {
        var sample = RealSample.Files;

        var definition = DatasetDefinitionParser.Parse(Encoding.UTF8.GetString(sample.Definition), "sample");

        Assert.That(definition.Files.Select(f => f.Name), Is.EqualTo(sample.Files.Select(f => f.Name)));
        foreach (var file in definition.Files)
        {
            var content = sample.Files.Single(f => f.Name == file.Name).Content;
            Assert.DoesNotThrowAsync(() => DatasetFileVerifier.VerifyAsync(file, new MemoryStream(content), CancellationToken.None));
        }

        Assert.That(definition.Files[0].Count, Is.EqualTo(RealSample.Train));
        Assert.That(definition.Files[2].Count, Is.EqualTo(RealSample.Test));
    }

    [Test]
    public void Build_Twice_GivesIdenticalBytes()
    {
        var again = SampleDatasetBuilder.Build(RealSample.ByLabel, RealSample.Train, RealSample.Test, "file:///sample/");

        Assert.That(again.Definition, Is.EqualTo(RealSample.Files.Definition));
        Assert.That(again.Files.Select(f => f.Content), Is.EqualTo(RealSample.Files.Files.Select(f => f.Content)));
    }

    [Test]
    public async Task Build_Split_KeepsTrainAndTestDisjointAndMixesLabels()
    {
        var train = await RealSample.ReadSplitAsync(DatasetSplit.Train);
        var test = await RealSample.ReadSplitAsync(DatasetSplit.Test);
        var trainPixels = Enumerable.Range(0, train.Count).Select(i => Convert.ToBase64String(train[i].Pixels.Span)).ToHashSet();

        Assert.That(Enumerable.Range(0, test.Count).Count(i => trainPixels.Contains(Convert.ToBase64String(test[i].Pixels.Span))), Is.EqualTo(0));
        Assert.That(Enumerable.Range(0, test.Count).Select(i => test[i].Label).Distinct().Count(), Is.EqualTo(10));
    }

    [Test]
    public void Build_MoreDigitsThanAvailable_IsUsageError()
    {
        var ex = Assert.Throws<ToolException>(() => SampleDatasetBuilder.Build(RealSample.ByLabel, 9_000, 2_000, "file:///x/"));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.UsageError));
    }

    [Test]
    public void Parse_MnistPackageValues_RestoresBytes()
    {
        var json = "{\"data\":[" + string.Join(",", Enumerable.Range(0, 784).Select(i => (Math.Round((i % 256) / 255.0, 3)).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]}";

        var digits = MnistJsDigits.Parse(Encoding.UTF8.GetBytes(json), "x.json");

        Assert.That(digits.Single(), Is.EqualTo(Enumerable.Range(0, 784).Select(i => (byte)(i % 256)).ToArray()));
    }
}
