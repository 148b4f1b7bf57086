namespace MnistEmr.DataLoader.Tests.Core;

[TestFixture]
public sealed class DatasetDefinitionParserTests
{
    [Test]
    public void Parse_ValidDefinition_ReadsFilesPairsAndMirrors()
    {
        var dataset = TestDataset.Mnistlike();

        var definition = DatasetDefinitionParser.Parse(dataset.DefinitionJson(), "test.json");

        Assert.That(definition.Name, Is.EqualTo("tiny-mnist"));
        Assert.That(definition.Files.Select(f => f.Name), Is.EqualTo(dataset.Files.Keys));
        Assert.That(definition.Files[0].Kind, Is.EqualTo(IdxKind.Images));
        Assert.That(definition.Files[0].Labels, Is.EqualTo(TestDataset.TrainLabels));
        Assert.That(definition.Files[1].Sha256, Is.EqualTo(TestDataset.Sha256Of(dataset.Files[TestDataset.TrainLabels])));
        Assert.That(definition.Mirrors, Is.EqualTo(dataset.Mirrors));
    }

    [TestCase("{", "is not valid")]
    [TestCase("null", "is empty")]
    [TestCase("""{"name":"x","mirrors":["https://m/"],"files":[],"extra":1}""", "extra")]
    [TestCase("""{"name":"x","mirrors":["https://m/"],"files":[]}""", "no files are listed")]
    [TestCase("""{"name":"x","mirrors":[],"files":[{"name":"a.gz","bytes":1,"sha256":"SHA","kind":"labels"}]}""", "no mirrors")]
    [TestCase("""{"name":"x","mirrors":["ftp://m/"],"files":[{"name":"a.gz","bytes":1,"sha256":"SHA","kind":"labels"}]}""", "not an absolute http, https or file URL")]
    [TestCase("""{"name":"x","mirrors":["https://m/"],"files":[{"name":"../a.gz","bytes":1,"sha256":"SHA","kind":"labels"}]}""", "not a plain file name")]
    [TestCase("""{"name":"x","mirrors":["https://m/"],"files":[{"name":"manifest.json","bytes":1,"sha256":"SHA","kind":"labels"}]}""", "not a plain file name")]
    [TestCase("""{"name":"x","mirrors":["https://m/"],"files":[{"name":"a.gz","bytes":0,"sha256":"SHA","kind":"labels"}]}""", "bytes must be positive")]
    [TestCase("""{"name":"x","mirrors":["https://m/"],"files":[{"name":"a.gz","bytes":1,"sha256":"abc","kind":"labels"}]}""", "sha256 must be 64 lowercase hex digits")]
    [TestCase("""{"name":"x","mirrors":["https://m/"],"files":[{"name":"a.gz","bytes":1,"sha256":"SHA","kind":"tensor"}]}""", "is not valid")]
    [TestCase("""{"name":"x","mirrors":["https://m/"],"files":[{"name":"a.gz","bytes":1,"sha256":"SHA","kind":"images"}]}""", "images need positive rows and cols")]
    [TestCase("""{"name":"x","mirrors":["https://m/"],"files":[{"name":"a.gz","bytes":1,"sha256":"SHA","kind":"labels"},{"name":"a.gz","bytes":1,"sha256":"SHA","kind":"labels"}]}""", "listed 2 times")]
    [TestCase("""{"name":"x","mirrors":["https://m/"],"files":[{"name":"i.gz","bytes":1,"sha256":"SHA","kind":"images","rows":1,"cols":1,"labels":"nope.gz"}]}""", "not a labels file of this dataset")]
    [TestCase("""{"name":"x","mirrors":["https://m/"],"files":[{"name":"i.gz","bytes":1,"sha256":"SHA","kind":"images","count":2,"rows":1,"cols":1,"labels":"l.gz"},{"name":"l.gz","bytes":1,"sha256":"SHA","kind":"labels","count":3}]}""", "images/labels counts disagree")]
    public void Parse_InvalidDefinition_ThrowsUsageErrorNamingTheProblem(string json, string expectedFragment)
    {
        json = json.Replace("SHA", new string('a', 64), StringComparison.Ordinal);

        var ex = Assert.Throws<ToolException>(() => DatasetDefinitionParser.Parse(json, "bad.json"));

        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.UsageError));
        Assert.That(ex.Message, Does.Contain("bad.json").And.Contain(expectedFragment));
    }
}
