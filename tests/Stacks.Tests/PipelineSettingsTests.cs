using System.Reflection;

namespace MnistEmr.Stacks.Tests;

/// <summary>The settings table: each entry bound to its own property, its default and its text round trip, the order of problems.</summary>
[TestFixture]
public class PipelineSettingsTests
{
    // Every setting away from its default, and valid.
    private static readonly PipelineConfig Different = new()
    {
        StackName = "other-stack",
        Region = "eu-west-1",
        AccountId = "123456789012",
        NamePrefix = "team-mnist",
        VpcCidr = "10.1.0.0/16",
        SubnetCidr = "10.1.2.0/24",
        AvailabilityZone = "eu-west-1b",
        EmrReleaseLabel = "emr-7.1.0",
        MasterInstanceType = "m5.2xlarge",
        CoreInstanceType = "r5.xlarge",
        CoreInstanceCount = 3,
        CoreMarket = CapacityMarket.Spot,
        CoreSpotMaxPrice = 0.25m,
        IdleTimeoutMinutes = 30,
        ClusterLifecycle = ClusterLifecycle.Persistent,
        AllowedIngressCidr = "203.0.113.0/24",
        KmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ForceDestroy = true,
        RunDataLoader = false,
        JobArtifactPath = "job.tar.gz",
        ExplodeShards = 32,
        ReExplode = true,
        EvaluatePartitions = 24,
        TrainingSweep = 4,
        NotifyEmail = "ops@example.com",
        Notebooks = Notebooks.Studio,
        StateBucket = "my-state",
        StateKey = "team/terraform.tfstate",
    };

    // The settings that exclude one another away from their defaults: the stack's own key instead of a given one.
    private static readonly PipelineConfig DifferentKey = Different with { KmsKeyArn = null, KmsKey = KmsKeySource.Create };

    private static IEnumerable<Setting> Settings => PipelineSettings.All;

    private static PropertyInfo PropertyOf(Setting setting) =>
        typeof(PipelineConfig).GetProperty(char.ToUpperInvariant(setting.Key[0]) + setting.Key[1..])
        ?? throw new AssertionException($"PipelineConfig has no property for the key '{setting.Key}'");

    [Test]
    public void Different_Always_SetsEverySettingAwayFromItsDefaultAndIsValid()
    {
        Assert.That(Different.Validate(), Is.Empty);
        Assert.That(DifferentKey.Validate(), Is.Empty);
        Assert.That(Settings.Where(s => Equals(PropertyOf(s).GetValue(Different), PropertyOf(s).GetValue(new PipelineConfig()))).Select(s => s.Key),
            Is.EqualTo(new[] { "kmsKey" }), "every setting but the one that excludes kmsKeyArn");
        Assert.That(PropertyOf(PipelineSettings.Find("kmsKey")!).GetValue(DifferentKey), Is.Not.EqualTo(KmsKeySource.None));
    }

    [TestCaseSource(nameof(Settings))]
    public void ReadInto_AnotherSettingsText_SetsOnlyThePropertyItsKeyNames(Setting setting)
    {
        var property = PropertyOf(setting);
        Assert.That(setting.ValueType, Is.EqualTo(property.PropertyType));

        var source = setting.Key == "kmsKey" ? DifferentKey : Different;
        var read = setting.ReadInto(new PipelineConfig(), setting.TextIn(source)!);

        Assert.That(property.GetValue(read), Is.EqualTo(property.GetValue(source)), "the text written back reads as the same value");
        var others = Settings.Where(s => s != setting).Select(PropertyOf).Where(p => !Equals(p.GetValue(read), p.GetValue(new PipelineConfig())));
        Assert.That(others.Select(p => p.Name), Is.Empty, "no other property changed");
    }

    [TestCaseSource(nameof(Settings))]
    public void Default_EverySetting_IsThePropertysStartingValueAndReadsBackAsItself(Setting setting)
    {
        var start = new PipelineConfig();
        Assert.That(setting.TextIn(start), Is.EqualTo(setting.DefaultValueText));
        if (setting.DefaultValueText is { } text)
            Assert.That(setting.ReadInto(start, text), Is.EqualTo(start), $"the settings table's default `{text}` sets the default");
    }

    [Test]
    public void All_KeysAndVariables_AreEachUsedOnce()
    {
        Assert.That(Settings.Select(s => s.Key), Is.Unique);
        Assert.That(Settings.Select(s => s.EnvironmentVariable), Is.Unique);
        Assert.That(Settings.Select(s => PipelineSettings.Find(s.Key)), Is.EqualTo(Settings));
        Assert.That(PipelineSettings.Find("coreInstanceCuont"), Is.Null);
    }

    [Test]
    public void Defaults_FromTheJobsSizing_AreTheJobsOwn()
    {
        var config = new PipelineConfig();
        Assert.That(config.CoreInstanceCount, Is.EqualTo(MnistEmr.Contract.SparkSizing.DefaultCoreInstanceCount));
        Assert.That(config.ExplodeShards, Is.EqualTo(MnistEmr.Contract.SparkSizing.DefaultExplodeShards));
        Assert.That(config.EvaluatePartitions, Is.EqualTo(MnistEmr.Contract.SparkSizing.DefaultEvaluatePartitions));
        Assert.That(config.CoreInstanceType, Is.EqualTo(MnistEmr.Contract.InstanceCatalogue.Default.Name));
    }

    [TestCase("on-demand", CapacityMarket.OnDemand)]
    [TestCase("OnDemand", CapacityMarket.OnDemand)]
    [TestCase("SPOT", CapacityMarket.Spot)]
    public void Choice_AnyCaseOrAlias_ParsesAndFormatsWithTheFirstName(string text, CapacityMarket expected)
    {
        var type = SettingTypes.Choice(("on-demand", CapacityMarket.OnDemand), ("ondemand", CapacityMarket.OnDemand), ("spot", CapacityMarket.Spot));
        Assert.That(type.Parse(text), Is.EqualTo(expected));
        Assert.That(type.Format(CapacityMarket.OnDemand), Is.EqualTo("on-demand"));
        Assert.That(Assert.Throws<FormatException>(() => type.Parse("reserved"))!.Message, Is.EqualTo("must be on-demand or spot"));
    }

    [Test]
    public void ProblemIn_RulesInOrder_ReportsOnlyTheFirstBroken()
    {
        Assert.That(new PipelineConfig { VpcCidr = "10.0.0.1/8" }.Validate().Single().Message, Does.Contain("IPv4 CIDR"), "not the prefix rule after it");
        Assert.That(new PipelineConfig { VpcCidr = "10.0.0.0/8" }.Validate().Single().Message, Does.Contain("/16 to /28"));
    }

    [Test]
    public void Validate_BadVpcPrefixAndMalformedSubnet_ReportsBoth()
    {
        // Before the table, the VPC's prefix length was checked only when the subnet parsed too.
        var errors = new PipelineConfig { VpcCidr = "10.0.0.0/8", SubnetCidr = "bad" }.Validate();
        Assert.That(errors.Select(e => e.Setting), Is.EqualTo(new[] { "vpcCidr", "subnetCidr" }));
    }

    [Test]
    public void Read_ManyInvalidValues_ReportsParseErrorsThenBrokenRulesEachInTheTablesOrder()
    {
        var environment = new Dictionary<string, string>
        {
            ["MNIST_EMR_STATE_KEY"] = "k",
            ["MNIST_EMR_EXPLODE_SHARDS"] = "0",
            ["MNIST_EMR_CLUSTER_LIFECYCLE"] = "forever",
            ["MNIST_EMR_IDLE_TIMEOUT_MINUTES"] = "x",
            ["MNIST_EMR_CORE_SPOT_MAX_PRICE"] = "0.2",
            ["MNIST_EMR_REGION"] = "nowhere",
            ["MNIST_EMR_CORE_INSTANCE_COUNT"] = "lots",
        };
        var error = Assert.Throws<InvalidPipelineConfigException>(() => PipelineConfigReader.Read(environment.GetValueOrDefault, _ => null));
        Assert.That(error!.Errors.Select(e => e.Setting), Is.EqualTo(new[]
        {
            "coreInstanceCount", "idleTimeoutMinutes", "clusterLifecycle",
            "region", "coreSpotMaxPrice", "explodeShards", "stateKey",
        }));
    }
    // Every boolean setting takes the same words (issue 27: forceDestroy took yes but refused on).
    [TestCase("true", true)]
    [TestCase("Yes", true)]
    [TestCase("ON", true)]
    [TestCase("1", true)]
    [TestCase("false", false)]
    [TestCase("no", false)]
    [TestCase("Off", false)]
    [TestCase("0", false)]
    public void Read_BooleanSettings_TakeTheSameWordsInAnyCase(string text, bool expected)
    {
        var environment = new Dictionary<string, string> { ["MNIST_EMR_FORCE_DESTROY"] = text, ["MNIST_EMR_RUN_DATA_LOADER"] = text };
        var fromEnvironment = PipelineConfigReader.Read(environment.GetValueOrDefault, _ => null);
        var fromContext = PipelineConfigReader.Read(_ => null, key => key is "forceDestroy" or "runDataLoader" ? text : null);

        Assert.That(new[] { fromEnvironment.ForceDestroy, fromEnvironment.RunDataLoader }, Is.EqualTo(new[] { expected, expected }));
        Assert.That(new[] { fromContext.ForceDestroy, fromContext.RunDataLoader }, Is.EqualTo(new[] { expected, expected }));
    }

    [Test]
    public void Read_BooleanSettingNotAFlagWord_NamesTheSettingAndTheWords()
    {
        var environment = new Dictionary<string, string> { ["MNIST_EMR_FORCE_DESTROY"] = "sure" };
        var error = Assert.Throws<InvalidPipelineConfigException>(() => PipelineConfigReader.Read(environment.GetValueOrDefault, _ => null));
        Assert.That(error!.Errors.Single().ToString(), Is.EqualTo("setting 'forceDestroy' (MNIST_EMR_FORCE_DESTROY) must be true/false, yes/no, on/off or 1/0; got 'sure'"));
    }
}
