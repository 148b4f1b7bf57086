namespace MnistEmr.Review.Tests;

/// <summary>The shipped price tables: each parsed, each used for a plan in its region, and gaps shown as unknown.</summary>
[TestFixture]
public class PriceTableTests
{
    private static readonly IReadOnlyDictionary<string, PriceTable> Shipped = PriceTables.Load(Repository.PathOf("review", "prices"));

    private static TerraformPlan DefaultClusterIn(string region) => TerraformPlan.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Plans", "default-cluster.json")).Replace("\"us-east-1\"", $"\"{region}\""),
        $"default cluster in {region}");

    [Test]
    public void Shipped_TheFourRegions_EachInItsOwnFile()
    {
        Assert.That(Shipped.Keys, Is.EquivalentTo(new[] { "us-east-1", "us-west-2", "eu-west-1", "eu-central-1" }));
        foreach (var (region, _) in Shipped)
            Assert.That(File.Exists(Repository.PathOf("review", "prices", $"{region}.json")), Is.True, region);
    }

    [TestCase("us-east-1")]
    [TestCase("us-west-2")]
    [TestCase("eu-west-1")]
    [TestCase("eu-central-1")]
    public void Shipped_Table_HasItsDateSourcesAndOnlySupportedTypesWithEveryGapExplained(string region)
    {
        var table = Shipped[region];
        Assert.That(table.Region, Is.EqualTo(region));
        Assert.That(table.Currency, Is.EqualTo("USD"));
        Assert.That(DateOnly.TryParseExact(table.AsOf, "yyyy-MM-dd", out _), Is.True, table.AsOf);
        Assert.That(table.SourceUrls, Is.Not.Empty);
        Assert.That(table.SourceUrls, Has.All.StartsWith("https://"));
        Assert.That(table.Instances.Keys, Is.SubsetOf(InstanceCatalogue.Known.Select(t => t.Name)), "prices only for types the job sizes its steps for");
        Assert.That(table.Instances.Values.Select(p => p.Ec2), Has.All.GreaterThan(0m));
        var missing = InstanceCatalogue.Known.Select(t => t.Name).Where(t => !table.Instances.ContainsKey(t)).ToArray();
        var withoutEmr = table.Instances.Where(i => i.Value.Emr is null).Select(i => i.Key).ToArray();
        if (missing.Length > 0 || withoutEmr.Length > 0 || table.S3StandardPerGbMonth is null)
            Assert.That(table.Notes, Is.Not.Null.And.Not.Empty, "a table with gaps says why");
        foreach (var type in missing)
            Assert.That(table.Notes, Does.Contain(type), $"{type} is left out, and the notes say so");
    }

    [TestCase("us-east-1")]
    [TestCase("us-west-2")]
    [TestCase("eu-west-1")]
    [TestCase("eu-central-1")]
    public void Cost_DefaultClusterInRegion_UsesThatRegionsTable(string region)
    {
        var table = Shipped[region];
        var m5 = table.Instances["m5.xlarge"];
        var cost = CostEstimate.Of(DefaultClusterIn(region), Shipped);

        Assert.That(cost.Prices, Is.SameAs(table));
        Assert.That(cost.Assumptions[0], Does.Contain($"prices of {region} as of {table.AsOf}"));
        // Three m5.xlarge: the group prices are the table's, or unknown where its EMR price is.
        Assert.That(cost.Groups.Select(g => g.PerHour), Is.EqualTo(new[] { m5.PerHour * 1, m5.PerHour * 2 }));
        Assert.That(cost.PerHour, Is.EqualTo(m5.PerHour * 3));
        Assert.That(cost.PerRun, Is.EqualTo(m5.PerHour * 3 * cost.RunHours));
        Assert.That(cost.StoragePerMonth is null, Is.EqualTo(table.S3StandardPerGbMonth is null));
        Assert.That(cost.RequestsPerRun is null, Is.EqualTo(table.S3PutPer1000 is null || table.S3GetPer1000 is null));
        if (m5.Emr is null)
            Assert.That(cost.Assumptions, Has.Some.Contains($"no published EMR price for m5.xlarge in {region}").And.Some.Contains($"EC2 alone {m5.Ec2 * 2}/h"));
    }

    [Test]
    public void Cost_UsEast1DefaultCluster_KnownPerHourAndPerRun()
    {
        var cost = CostEstimate.Of(DefaultClusterIn("us-east-1"), Shipped);
        Assert.That(cost.PerHour, Is.EqualTo(3 * (0.192m + 0.048m)));
        Assert.That(cost.PerRun, Is.Not.Null);
        Assert.That(cost.RunTime, Is.Not.Null);
    }

    [Test]
    public void Cost_RegionWithoutATable_StaysUnknownWhileTheDurationIsStillEstimated()
    {
        var cost = CostEstimate.Of(DefaultClusterIn("ap-south-1"), Shipped);
        Assert.That(cost.Prices, Is.Null);
        Assert.That(cost.PerHour, Is.Null);
        Assert.That(cost.PerRun, Is.Null);
        Assert.That(cost.StoragePerMonth, Is.Null);
        Assert.That(cost.RunTime, Is.Not.Null, "the duration needs no prices");
        Assert.That(cost.Assumptions[0], Does.Contain("no price table for region ap-south-1"));
        Assert.That(Rendering.Money.Format(cost.PerRun, null), Is.EqualTo("unknown"));
    }

    [Test]
    public void Cost_TypeMissingFromARegionsTable_IsUnknownAndSaysSo()
    {
        // r7i's EC2 prices were not read for eu-west-1, so the table leaves the type out.
        Assert.That(Shipped["eu-west-1"].Instances.ContainsKey("r7i.xlarge"), Is.False);
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Plans", "default-cluster.json"))
            .Replace("\"us-east-1\"", "\"eu-west-1\"")
            .Replace("\"instance_type\": \"m5.xlarge\", \"instance_count\": 2", "\"instance_type\": \"r7i.xlarge\", \"instance_count\": 2");
        var cost = CostEstimate.Of(TerraformPlan.Parse(json, "r7i in eu-west-1"), Shipped);

        Assert.That(cost.Groups.Single(g => g.Role == "core").PerHour, Is.Null);
        Assert.That(cost.PerHour, Is.Null);
        Assert.That(cost.PerRun, Is.Null);
        Assert.That(cost.Assumptions, Has.Some.Contains("r7i.xlarge is not in the eu-west-1 price table: unknown"));
        Assert.That(cost.RunTime, Is.Not.Null, "r7i.xlarge is still a type the job sizes for");
    }

    [Test]
    public void Parse_EmrPriceNull_MakesThePerHourUnknownButKeepsEc2()
    {
        var table = PriceTable.Parse("""
            { "region": "xx-test-1", "currency": "USD", "asOf": "2026-01-01", "source": "test", "sourceUrls": ["https://example.test/"],
              "instances": { "m5.xlarge": { "ec2": 0.2, "emr": null }, "c5.xlarge": { "ec2": 0.1, "emr": 0.02 } } }
            """);
        Assert.That(table.Instances["m5.xlarge"], Is.EqualTo(new InstancePrice(0.2m, null)));
        Assert.That(table.Instances["m5.xlarge"].PerHour, Is.Null);
        Assert.That(table.Instances["c5.xlarge"].PerHour, Is.EqualTo(0.12m));
        Assert.That(table.S3StandardPerGbMonth, Is.Null);
    }
}
