namespace MnistEmr.Stacks.Tests;

/// <summary>
/// Gathering the cdktf context as the cdktf CLI hands it to the app: cdktf.json's "context", else CDKTF_CONTEXT_JSON;
/// MNIST_EMR_* variables over both.
/// </summary>
[TestFixture]
public class StackContextTests
{
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = TestRunFolder.NewFolder("stack-context");

    private void WriteCdktfJson(string json) => File.WriteAllText(Path.Combine(_root, "cdktf.json"), json);

    private PipelineConfig ReadConfig(Dictionary<string, string>? environment = null) =>
        StackContext.ReadConfig(_root, name => environment?.GetValueOrDefault(name));

    [Test]
    public void ReadConfig_CdktfJsonContext_GivesTypedValuesToTheSettings()
    {
        WriteCdktfJson("""{"app": "x", "context": {"coreInstanceCount": 7, "forceDestroy": true, "region": "eu-west-1", "coreMarket": "spot", "coreSpotMaxPrice": 0.125}}""");

        var config = ReadConfig();

        Assert.That(config.CoreInstanceCount, Is.EqualTo(7));
        Assert.That(config.ForceDestroy, Is.True);
        Assert.That(config.Region, Is.EqualTo("eu-west-1"));
        Assert.That(config.CoreSpotMaxPrice, Is.EqualTo(0.125m));
    }

    [Test]
    public void ReadConfig_EnvironmentVariableAndContext_EnvironmentVariableWins()
    {
        WriteCdktfJson("""{"context": {"coreInstanceCount": 7}}""");

        var config = ReadConfig(new() { ["MNIST_EMR_CORE_INSTANCE_COUNT"] = "3" });

        Assert.That(config.CoreInstanceCount, Is.EqualTo(3));
    }

    [TestCase("""{"context": {}}""")]
    [TestCase("""{"context": {"region": "eu-west-1"}}""")]
    public void ReadConfig_CdktfJsonHasAContext_IgnoresCdktfContextJsonAsTheCliDoes(string cdktfJson)
    {
        // cdktf synth replaces the caller's CDKTF_CONTEXT_JSON with cdktf.json's context whenever it has one.
        WriteCdktfJson(cdktfJson);

        var config = ReadConfig(new() { ["CDKTF_CONTEXT_JSON"] = """{"coreInstanceCount": 9}""" });

        Assert.That(config.CoreInstanceCount, Is.EqualTo(new PipelineConfig().CoreInstanceCount));
    }

    [TestCase("""{"app": "x"}""")]
    [TestCase("""{"app": "x", "context": null}""")]
    [TestCase(null)]
    public void ReadConfig_NoContextInCdktfJson_ReadsCdktfContextJson(string? cdktfJson)
    {
        if (cdktfJson is not null)
            WriteCdktfJson(cdktfJson);

        var config = ReadConfig(new() { ["CDKTF_CONTEXT_JSON"] = """{"coreInstanceCount": 9, "cdktfRelativeModules": []}""" });

        Assert.That(config.CoreInstanceCount, Is.EqualTo(9));
    }

    [TestCase("""{"context": {"coreInstanceCount": 7,}}""", null, "cdktf.json is not valid JSON")]
    [TestCase("""{"context": [1, 2]}""", null, "must be a JSON object of settings; got array")]
    [TestCase(null, "{nope", "CDKTF_CONTEXT_JSON is not valid JSON")]
    public void Read_MalformedContext_ThrowsNamingItsSource(string? cdktfJson, string? variable, string expected)
    {
        if (cdktfJson is not null)
            WriteCdktfJson(cdktfJson);
        var environment = new Dictionary<string, string?> { ["CDKTF_CONTEXT_JSON"] = variable };

        var error = Assert.Throws<InvalidDataException>(() => StackContext.Read(_root, name => environment.GetValueOrDefault(name)));

        Assert.That(error!.Message, Does.Contain(expected));
    }

    [Test]
    public void ReadConfig_ContextValueIsAnObject_NamesTheSettingWithWhatWasGiven()
    {
        WriteCdktfJson("""{"context": {"coreInstanceCount": {"value": 7}}}""");

        var error = Assert.Throws<InvalidPipelineConfigException>(() => ReadConfig());

        Assert.That(error!.Message, Does.Contain("setting 'coreInstanceCount' (MNIST_EMR_CORE_INSTANCE_COUNT) must be a whole number; got '{\"value\": 7}'"));
    }
}
