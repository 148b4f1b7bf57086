using System.Text.RegularExpressions;

namespace MnistEmr.Review.Tests;

/// <summary>The shipped price tables: each parsed, each used for a plan in its region, and gaps shown as unknown.</summary>
[TestFixture]
public class PriceTableTests
{
    private static readonly IReadOnlyDictionary<string, PriceTable> Shipped = PriceTables.Load(Repository.PathOf("review", "prices"));

    /// <summary>
    /// The gaps of a table its notes do not explain: a catalogue type left out, or an instance type whose EMR fee is null,
    /// that the notes do not name; any S3 figure null while the notes say nothing of S3 Standard.
    /// </summary>
    private static IEnumerable<string> UnexplainedGaps(PriceTable table)
    {
        foreach (var type in InstanceCatalogue.Known.Select(t => t.Name).Where(t => !table.Instances.ContainsKey(t) && !NotesName(table, t)))
            yield return $"{type} left out";
        foreach (var (type, _) in table.Instances.Where(i => i.Value.Emr is null && !NotesName(table, i.Key)))
            yield return $"EMR fee of {type}";
        if ((table.S3StandardPerGbMonth is null || table.S3PutPer1000 is null || table.S3GetPer1000 is null) && table.Notes?.Contains("S3 Standard", StringComparison.Ordinal) != true)
            yield return "S3 Standard prices";
    }

    /// <summary>Whether the table's notes name an instance type as a whole word (r5.4xlarge does not name r5.xlarge).</summary>
    private static bool NotesName(PriceTable table, string type) =>
        table.Notes is { } notes && Regex.IsMatch(notes, $@"(?<![\w.-]){Regex.Escape(type)}(?![\w-]|\.\w)");

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
        Assert.That(UnexplainedGaps(table), Is.Empty, "every type left out and every null price is named in the notes with its reason");
    }

    [Test]
    public void UnexplainedGaps_ARecordedPriceGoingBackToNullWithoutAReason_IsCaught()
    {
        var recorded = Shipped["us-east-1"];
        Assert.That(recorded.Instances["m5.xlarge"].Emr, Is.Not.Null);
        Assert.That(recorded.S3StandardPerGbMonth, Is.Not.Null);
        var instances = recorded.Instances.ToDictionary(i => i.Key, i => i.Value);
        instances["m5.xlarge"] = instances["m5.xlarge"] with { Emr = null };
        instances.Remove("r5.2xlarge");

        var lost = recorded with { Instances = instances, S3GetPer1000 = null };

        Assert.That(UnexplainedGaps(lost), Is.EqualTo(new[] { "r5.2xlarge left out", "EMR fee of m5.xlarge", "S3 Standard prices" }));
        var explained = lost with { Notes = lost.Notes + " r5.2xlarge: EC2 not read. m5.xlarge: its EMR fee could not be re-read. S3 Standard GET: not re-read." };
        Assert.That(UnexplainedGaps(explained), Is.Empty);
    }

    [Test]
    public void NotesName_MatchesTheWholeTypeOnly()
    {
        var table = Shipped["us-east-1"] with { Notes = "no fee for m5.8xlarge, r5.4xlarge and c6i.xlarge." };
        Assert.That(NotesName(table, "m5.8xlarge"), Is.True);
        Assert.That(NotesName(table, "c6i.xlarge"), Is.True, "at the end of a sentence");
        Assert.That(NotesName(table, "r5.xlarge"), Is.False, "r5.4xlarge does not name r5.xlarge");
        Assert.That(NotesName(table, "5.8xlarge"), Is.False, "part of a name is not the name");
        Assert.That(NotesName(table with { Notes = null }, "m5.8xlarge"), Is.False);
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
