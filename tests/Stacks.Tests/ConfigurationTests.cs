namespace MnistEmr.Stacks.Tests;

/// <summary>Reading and validating the settings.</summary>
[TestFixture]
public class ConfigurationTests
{
    private static PipelineConfig Read(Dictionary<string, string>? environment = null, Dictionary<string, object>? context = null) =>
        PipelineConfigReader.Read(
            name => environment?.GetValueOrDefault(name),
            key => context?.GetValueOrDefault(key));

    [Test]
    public void Read_NothingSet_GivesTheValidDefaults()
    {
        var config = Read();
        Assert.That(config, Is.EqualTo(new PipelineConfig()));
        Assert.That(config.Validate(), Is.Empty);
    }

    [Test]
    public void Read_ContextValues_AreUsed()
    {
        var config = Read(context: new() { ["coreInstanceCount"] = 4, ["forceDestroy"] = true, ["region"] = "eu-central-1" });
        Assert.That(config.CoreInstanceCount, Is.EqualTo(4));
        Assert.That(config.ForceDestroy, Is.True);
        Assert.That(config.Region, Is.EqualTo("eu-central-1"));
    }

    [TestCase("transient", ClusterLifecycle.Transient)]
    [TestCase("Persistent", ClusterLifecycle.Persistent)]
    public void Read_ClusterLifecycle_ParsesEitherValue(string value, ClusterLifecycle expected)
    {
        Assert.That(Read(new() { ["MNIST_EMR_CLUSTER_LIFECYCLE"] = value }).ClusterLifecycle, Is.EqualTo(expected));
        Assert.That(new PipelineConfig().ClusterLifecycle, Is.EqualTo(ClusterLifecycle.Transient), "transient by default");
    }

    [Test]
    public void Read_ReExplodeVariableOrContextKey_SetsTheFlagTheExplodeStepCarries()
    {
        Assert.That(Read().ReExplode, Is.False, "kept when up to date by default");
        Assert.That(Read(new() { ["MNIST_EMR_RE_EXPLODE"] = "true" }).SparkSizing!.ReExplode, Is.True);
        Assert.That(Read(context: new() { ["reExplode"] = true }).ReExplode, Is.True);
    }

    [Test]
    public void Read_EnvironmentAndContext_EnvironmentWins()
    {
        var config = Read(new() { ["MNIST_EMR_NAME_PREFIX"] = "from-env" }, new() { ["namePrefix"] = "from-context" });
        Assert.That(config.NamePrefix, Is.EqualTo("from-env"));
    }

    [Test]
    public void Read_SpotWithPrice_ParsesMarketAndPrice()
    {
        var config = Read(new() { ["MNIST_EMR_CORE_MARKET"] = "spot", ["MNIST_EMR_CORE_SPOT_MAX_PRICE"] = "0.1" });
        Assert.That(config.CoreMarket, Is.EqualTo(CapacityMarket.Spot));
        Assert.That(config.CoreSpotMaxPrice, Is.EqualTo(0.1m));
    }

    [TestCase("coreInstanceCount", "MNIST_EMR_CORE_INSTANCE_COUNT")]
    [TestCase("region", "MNIST_EMR_REGION")]
    [TestCase("kmsKeyArn", "MNIST_EMR_KMS_KEY_ARN")]
    public void EnvironmentVariableOf_Key_IsPrefixedUpperSnakeCase(string key, string expected)
    {
        Assert.That(PipelineConfigReader.EnvironmentVariableOf(key), Is.EqualTo(expected));
    }

    [Test]
    public void SettingKeys_Always_CoverEverySettableMember()
    {
        var members = typeof(PipelineConfig).GetProperties().Where(p => p.CanWrite).Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);
        Assert.That(PipelineConfigReader.SettingKeys, Is.EquivalentTo(members));
    }

    [TestCase("coreInstanceCount", "abc", "whole number")]
    [TestCase("coreInstanceCount", "0", "from 1 to 100")]
    [TestCase("coreInstanceCount", "101", "from 1 to 100")]
    [TestCase("clusterLifecycle", "forever", "transient or persistent")]
    [TestCase("idleTimeoutMinutes", "0", "from 1 to 10080")]
    [TestCase("idleTimeoutMinutes", "20000", "from 1 to 10080")]
    [TestCase("region", "mars-1", "AWS region")]
    [TestCase("namePrefix", "Has_Upper", "lowercase")]
    [TestCase("namePrefix", "ab", "3 to 20")]
    [TestCase("namePrefix", "trailing-", "not ending with '-'")]
    [TestCase("vpcCidr", "10.0.0.0/33", "IPv4 CIDR")]
    [TestCase("vpcCidr", "10.0.0.1/16", "IPv4 CIDR")]
    [TestCase("vpcCidr", "10.0.0.0/8", "/16 to /28")]
    [TestCase("subnetCidr", "192.168.0.0/24", "inside vpcCidr")]
    [TestCase("availabilityZone", "eu-west-1a", "zone of region us-east-1")]
    [TestCase("emrReleaseLabel", "emr-5.36.0", "6.x or 7.x")]
    [TestCase("emrReleaseLabel", "7.13.0", "6.x or 7.x")]
    [TestCase("masterInstanceType", "big", "instance types the steps are sized for")]
    [TestCase("coreInstanceType", "m5", "instance types the steps are sized for")]
    [TestCase("coreMarket", "reserved", "on-demand or spot")]
    [TestCase("coreSpotMaxPrice", "0.2", "only when coreMarket is spot")]
    [TestCase("allowedIngressCidr", "0.0.0.0/0", "whole internet")]
    [TestCase("allowedIngressCidr", "my-office", "IPv4 CIDR")]
    [TestCase("kmsKeyArn", "alias/mine", "KMS key ARN")]
    [TestCase("kmsKey", "mine", "none or create")]
    [TestCase("accountId", "12345678901", "12-digit AWS account id")]
    [TestCase("accountId", "1234-5678-9012", "12-digit AWS account id")]
    [TestCase("forceDestroy", "maybe", "true/false, yes/no, on/off or 1/0")]
    [TestCase("runDataLoader", "2", "true/false, yes/no, on/off or 1/0")]
    [TestCase("jobArtifactPath", "job.zip", ".tar.gz")]
    [TestCase("stateBucket", "Bad_Bucket", "S3 bucket name")]
    [TestCase("stateKey", "state.tfstate", "together with stateBucket")]
    [TestCase("stackName", "9lives", "starting with a letter")]
    [TestCase("explodeShards", "0", "from 1 to 10000")]
    [TestCase("evaluatePartitions", "20000", "from 1 to 10000")]
    [TestCase("trainingSweep", "1", "must be 0 (no sweep) or from 2 to 32; got 1")]
    [TestCase("trainingSweep", "33", "must be 0 (no sweep) or from 2 to 32; got 33")]
    [TestCase("coreInstanceType", "t3.micro", "sized for (m5.xlarge, m5.2xlarge")]
    [TestCase("masterInstanceType", "m6g.xlarge", "sized for (m5.xlarge")]
    [TestCase("notifyEmail", "ops@", "one email address")]
    [TestCase("notifyEmail", "a@example.com,b@example.com", "one email address")]
    [TestCase("notebooks", "jupyterhub", "none or studio")]
    [TestCase("notebooks", "studio", "studio needs clusterLifecycle persistent, not transient")]
    public void Read_InvalidValue_FailsNamingTheSettingAndItsVariable(string key, string value, string explanation)
    {
        var variable = PipelineConfigReader.EnvironmentVariableOf(key);
        var error = Assert.Throws<InvalidPipelineConfigException>(() => Read(new() { [variable] = value }));
        Assert.That(error!.Errors.Select(e => e.Setting), Is.EqualTo(new[] { key }));
        Assert.That(error.Message, Does.Contain($"setting '{key}' ({variable})").And.Contain(explanation));
    }

    [Test]
    public void Read_SweepLargerThanTheClusterHolds_FailsOnTheSweepNamingTheBound()
    {
        var error = Assert.Throws<InvalidPipelineConfigException>(() =>
            Read(new() { ["MNIST_EMR_CORE_INSTANCE_COUNT"] = "1", ["MNIST_EMR_TRAINING_SWEEP"] = "32" }));
        Assert.That(error!.Errors.Select(e => e.Setting), Is.EqualTo(new[] { "trainingSweep" }), "the core type fits the steps; only the sweep does not");
        Assert.That(error.Message, Does.Contain("a sweep of 32").And.Contain("sweep at most").And.Contain("or add core nodes"));
        Assert.That(Read(new() { ["MNIST_EMR_CORE_INSTANCE_COUNT"] = "1", ["MNIST_EMR_TRAINING_SWEEP"] = "2" }).SparkSizing!.SweepCandidates, Is.EqualTo(2));
    }

    [TestCase("0", "must be more than 0")]
    [TestCase("-1", "must be more than 0")]
    [TestCase("1000000000", "at most 100 USD")]
    public void Read_SpotPriceOutOfBounds_FailsNamingThePriceSetting(string price, string explanation)
    {
        var error = Assert.Throws<InvalidPipelineConfigException>(() =>
            Read(new() { ["MNIST_EMR_CORE_MARKET"] = "spot", ["MNIST_EMR_CORE_SPOT_MAX_PRICE"] = price }));
        Assert.That(error!.Errors.Single().Setting, Is.EqualTo("coreSpotMaxPrice"));
        Assert.That(error.Message, Does.Contain(explanation).And.Not.Contain("is required"));
    }

    [Test]
    public void Read_EmptyVariable_CountsAsUnsetAndKeepsTheContextValue()
    {
        var config = Read(new() { ["MNIST_EMR_REGION"] = "", ["MNIST_EMR_CORE_INSTANCE_COUNT"] = " " }, new() { ["region"] = "eu-west-1", ["coreInstanceCount"] = 5 });
        Assert.That(config.Region, Is.EqualTo("eu-west-1"));
        Assert.That(config.CoreInstanceCount, Is.EqualTo(5));
    }

    [Test]
    public void UnknownVariables_MisspeltSetting_IsNamedWithTheSettingItMeans()
    {
        var warnings = PipelineConfigReader.UnknownVariables(
            ["MNIST_EMR_CORE_INSTANCE_CUONT", "MNIST_EMR_REGION", "MNIST_EMR_CACHE", "MNIST_EMR_REQUIRE_TERRAFORM", "PATH", "MNIST_EMR_REGOIN"]);
        Assert.That(warnings, Is.EqualTo(new[]
        {
            "MNIST_EMR_CORE_INSTANCE_CUONT is not a setting; did you mean MNIST_EMR_CORE_INSTANCE_COUNT?",
            "MNIST_EMR_REGOIN is not a setting; did you mean MNIST_EMR_REGION?",
        }));
    }

    [Test]
    public void Read_SpotWithoutPrice_FailsNamingThePriceSetting()
    {
        var error = Assert.Throws<InvalidPipelineConfigException>(() => Read(new() { ["MNIST_EMR_CORE_MARKET"] = "spot" }));
        Assert.That(error!.Errors.Single().Setting, Is.EqualTo("coreSpotMaxPrice"));
    }

    [Test]
    public void Read_KmsKey_CreateByDefaultWithoutTheAccountAndNoneOnRequest()
    {
        // The stack's own key with no setting: its policy names the account Terraform reads at plan time.
        Assert.That(Read(new()).KmsKey, Is.EqualTo(KmsKeySource.Create));
        Assert.That(Read(new() { ["MNIST_EMR_KMS_KEY"] = "none" }).KmsKey, Is.EqualTo(KmsKeySource.None));
        // A given key replaces the stack's own (no second key), whatever kmsKey says.
        var given = Read(new() { ["MNIST_EMR_KMS_KEY_ARN"] = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
        Assert.That((given.KmsKey, given.KmsKeyArn is not null), Is.EqualTo((KmsKeySource.Create, true)));
    }

    [Test]
    public void Read_StudioWithPersistentCluster_IsValid()
    {
        var config = Read(new() { ["MNIST_EMR_NOTEBOOKS"] = "studio", ["MNIST_EMR_CLUSTER_LIFECYCLE"] = "persistent", ["MNIST_EMR_NOTIFY_EMAIL"] = "ops@example.com" });
        Assert.That((config.Notebooks, config.NotifyEmail), Is.EqualTo((Notebooks.Studio, "ops@example.com")));
    }

    [Test]
    public void Read_SeveralInvalidValues_ReportsEveryOne()
    {
        var error = Assert.Throws<InvalidPipelineConfigException>(() =>
            Read(new() { ["MNIST_EMR_REGION"] = "nowhere", ["MNIST_EMR_CORE_INSTANCE_COUNT"] = "x", ["MNIST_EMR_KMS_KEY_ARN"] = "k" }));
        Assert.That(error!.Errors.Select(e => e.Setting), Is.EquivalentTo(new[] { "region", "coreInstanceCount", "kmsKeyArn" }));
    }

    [Test]
    public void WithPublishedJob_PackagePublished_UsesIt()
    {
        var root = TestRunFolder.NewFolder("published");
        Directory.CreateDirectory(Path.Combine(root, "emr-job", "dist"));
        Assert.That(new PipelineConfig().WithPublishedJob(root).JobArtifactPath, Is.Null, "nothing published yet");
        File.WriteAllText(Path.Combine(root, PipelineConfig.PublishedJobPackage), "package");
        Assert.That(new PipelineConfig().WithPublishedJob(root).JobArtifactPath, Is.EqualTo(PipelineConfig.PublishedJobPackage));
        Assert.That(new PipelineConfig { JobArtifactPath = "mine.tar.gz" }.WithPublishedJob(root).JobArtifactPath, Is.EqualTo("mine.tar.gz"));
    }

    [Test]
    public void Stack_InvalidConfig_RefusesToSynthesize()
    {
        var error = Assert.Throws<InvalidPipelineConfigException>(() => SynthesizedStack.Of(new PipelineConfig { IdleTimeoutMinutes = -5 }));
        Assert.That(error!.Message, Does.Contain("idleTimeoutMinutes"));
    }
}
