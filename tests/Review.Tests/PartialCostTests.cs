using MnistEmr.Review.Cli;

namespace MnistEmr.Review.Tests;

/// <summary>
/// A region whose price table lacks EMR's fee or S3's prices, or that has no table: every known part of a price is
/// shown as "at least" in the terminal, review.md, review.html and review.json, and what is missing is named; a
/// whole table's figures read as before. The tests write their own price tables, so they hold whichever prices the
/// shipped tables have.
/// </summary>
[TestFixture]
public class PartialCostTests
{
    // A table as the shipped us-west-2 one was: EC2 recorded, EMR's fee and S3's prices not.
    private const string Ec2OnlyTable = """
        { "region": "us-west-2", "currency": "USD", "asOf": "2026-01-01", "source": "test", "sourceUrls": ["https://example.test/"],
          "instances": { "m5.xlarge": { "ec2": 0.192, "emr": null } } }
        """;

    // A whole table: EC2, EMR and S3.
    private const string WholeTable = """
        { "region": "us-east-1", "currency": "USD", "asOf": "2026-01-01", "source": "test", "sourceUrls": ["https://example.test/"],
          "instances": { "m5.xlarge": { "ec2": 0.192, "emr": 0.048 } },
          "s3StandardPerGbMonth": 0.023, "s3PutPer1000": 0.005, "s3GetPer1000": 0.0004 }
        """;

    private const string LeftOut = "Unknown, so left out of the figures above: ";

    private sealed record Reviewed(Invocation.Run Run, string Markdown, string Html, JsonNode Json);

    // The default cluster (three m5.xlarge, transient) in a region, reviewed from a saved plan with the given tables
    // and 2 h a run, so the figures do not move with the step-time model.
    private static Reviewed Review(string region, params string[] tables)
    {
        var folder = TestRunFolder.NewFolder("partial-cost");
        var prices = Path.Combine(folder, "prices");
        Directory.CreateDirectory(prices);
        foreach (var (table, i) in tables.Select((t, i) => (t, i)))
            File.WriteAllText(Path.Combine(prices, $"table-{i}.json"), table);
        var plan = Path.Combine(folder, "plan.json");
        File.WriteAllText(plan, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Plans", "default-cluster.json")).Replace("\"us-east-1\"", $"\"{region}\""));
        var output = Path.Combine(folder, "out");

        // Redirected, as a CI log reads it: the cost line is one line, not folded at the console's width.
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ReviewCli.RunAsync(["--plan-json", plan, "--prices", prices, "--run-hours", "2", "--out", output], TerminalConsole.Create(stdout, redirected: true), stderr, stdout)
            .GetAwaiter().GetResult();

        Assert.That(code, Is.Zero, stderr.ToString());
        return new Reviewed(new Invocation.Run(code, stdout.ToString(), stderr.ToString()), File.ReadAllText(Path.Combine(output, "review.md")), File.ReadAllText(Path.Combine(output, "review.html")),
            JsonNode.Parse(File.ReadAllText(Path.Combine(output, "review.json")))!);
    }

    private static readonly Lazy<Reviewed> Ec2Only = new(() => Review("us-west-2", Ec2OnlyTable, WholeTable));

    [Test]
    public void Terminal_EmrFeeAndS3PricesMissing_ShowsTheEc2ShareAsAtLeastAndNamesWhatIsMissing()
    {
        var lines = Ec2Only.Value.Run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        // 3 × $0.192 of EC2 an hour, 2 h a run.
        Assert.That(lines, Does.Contain(
            "Cost: at least $0.58/h for the cluster (EC2 only), at least $1.15 per run (transient cluster at least $1.15 + S3 requests unknown), "
            + "at least $1.15 to re-run an unchanged source, worst idle $0.00, storage unknown, KMS keys $0.00/month"));
        Assert.That(lines, Does.Contain(
            $"  {LeftOut}the EMR fee of m5.xlarge in us-west-2; the S3 request prices in us-west-2; the S3 Standard storage price in us-west-2"));
    }

    [Test]
    public void Markdown_EmrFeeAndS3PricesMissing_ShowsEveryKnownPart()
    {
        var md = Ec2Only.Value.Markdown;

        Assert.That(md, Does.Contain("| primary | m5.xlarge | 1 | on-demand | at least $0.19 (EC2 only) |"));
        Assert.That(md, Does.Contain("| core | m5.xlarge | 2 | on-demand | at least $0.38 (EC2 only) |"));
        Assert.That(md, Does.Contain("- Cluster per hour: **at least $0.58** (EC2 only)\n"));
        Assert.That(md, Does.Contain("- Per pipeline run: **at least $1.15**: the cluster at least $1.15 (transient cluster: start-up, steps and shutdown, no idle time) and S3 requests unknown\n"));
        Assert.That(md, Does.Contain("- Worst idle cost before auto-termination: $0.00\n"), "a transient cluster never idles, whatever its price");
        Assert.That(md, Does.Contain($"- {LeftOut}the EMR fee of m5.xlarge in us-west-2; the S3 request prices in us-west-2; the S3 Standard storage price in us-west-2\n"));
    }

    [Test]
    public void Html_EmrFeeAndS3PricesMissing_SummaryShowsTheKnownPartsAndWhatIsNotPriced()
    {
        var html = Ec2Only.Value.Html;
        var summary = html[html.IndexOf("<h2>Summary</h2>", StringComparison.Ordinal)..html.IndexOf("<h2>Changes</h2>", StringComparison.Ordinal)];

        Assert.That(summary, Does.Contain("<th>Cost per run</th><td><b>at least $1.15</b> (transient cluster at least $1.15 + S3 requests unknown); the cluster at least $0.58/h (EC2 only)</td>"));
        Assert.That(summary, Does.Contain("<th>Not priced</th>").And.Contain("the EMR fee of m5.xlarge in us-west-2; the S3 request prices in us-west-2; the S3 Standard storage price in us-west-2"));
        Assert.That(html, Does.Contain("<li>Cluster per hour: <b>at least $0.58</b> (EC2 only)</li>"));
    }

    [Test]
    public void Json_EmrFeeAndS3PricesMissing_KeepsUnknownAsNullAndGivesTheKnownPartsAndWhatIsMissing()
    {
        var cost = Ec2Only.Value.Json["cost"]!;

        Assert.That(cost["perHour"], Is.Null, "perHour is the whole price, unknown");
        Assert.That(cost["totalPerRun"], Is.Null);
        Assert.That((decimal)cost["atLeast"]!["perHour"]!, Is.EqualTo(0.576m));
        Assert.That((decimal)cost["atLeast"]!["perRun"]!, Is.EqualTo(1.152m));
        Assert.That((decimal)cost["atLeast"]!["totalPerRun"]!, Is.EqualTo(1.152m));
        Assert.That((decimal)cost["atLeast"]!["worstIdle"]!, Is.Zero);
        Assert.That(cost["atLeast"]!["requestsPerRun"], Is.Null);
        Assert.That(cost["atLeast"]!["storagePerMonth"], Is.Null);
        Assert.That(cost["missing"]!.AsArray().Select(m => (string)m!), Is.EqualTo(new[]
        {
            "the EMR fee of m5.xlarge in us-west-2", "the S3 request prices in us-west-2", "the S3 Standard storage price in us-west-2",
        }));
        var core = cost["groups"]!.AsArray().Single(g => (string?)g!["role"] == "core")!;
        Assert.That((decimal)core["perHourAtLeast"]!, Is.EqualTo(0.384m));
    }

    [Test]
    public void RegionWithoutATable_NamesItAndStillKnowsATransientClusterNeverIdles()
    {
        var reviewed = Review("ap-south-1", Ec2OnlyTable, WholeTable);

        Assert.That(reviewed.Run.Stdout, Does.Contain(
            "Cost: unknown for the cluster, unknown per run (transient cluster unknown + S3 requests unknown), unknown to re-run an unchanged source, "
            + "worst idle $0.00, storage unknown, KMS keys $0.00/month"));
        Assert.That(reviewed.Run.Stdout, Does.Contain($"  {LeftOut}every price in ap-south-1 (no price table)"));
        Assert.That(reviewed.Markdown, Does.Contain($"- {LeftOut}every price in ap-south-1 (no price table)"));
        Assert.That(reviewed.Json["cost"]!["missing"]!.AsArray().Select(m => (string)m!), Is.EqualTo(new[] { "every price in ap-south-1 (no price table)" }));
        Assert.That(reviewed.Json["cost"]!["atLeast"]!["perHour"], Is.Null);
    }

    [Test]
    public void WholeTable_FiguresReadAsBeforeWithNothingLeftOut()
    {
        var reviewed = Review("us-east-1", Ec2OnlyTable, WholeTable);

        // 3 × ($0.192 + $0.048) an hour, 2 h a run.
        var cost = reviewed.Json["cost"]!;
        Assert.That(reviewed.Run.Stdout, Does.Contain(
            $"Cost: $0.72/h for the cluster, {Money.Format((decimal)cost["totalPerRun"]!, "USD")} per run (transient cluster $1.44 + S3 requests {Money.Format((decimal)cost["requestsPerRun"]!, "USD")}), "));
        Assert.That(reviewed.Run.Stdout, Does.Contain(", storage $0.0014/month, KMS keys $0.00/month"));
        Assert.That(reviewed.Markdown, Does.Contain("- Cluster per hour: **$0.72**\n").And.Contain("| core | m5.xlarge | 2 | on-demand | $0.48 |"));
        foreach (var text in new[] { reviewed.Run.Stdout, reviewed.Markdown, reviewed.Html })
            Assert.That(text, Does.Not.Contain("at least $").And.Not.Contain(LeftOut).And.Not.Contain("Not priced"));
        Assert.That(cost["missing"]!.AsArray(), Is.Empty);
        Assert.That((decimal)cost["atLeast"]!["perHour"]!, Is.EqualTo((decimal)cost["perHour"]!));
    }

    [Test]
    public void TypeMissingFromTheTable_TheOtherGroupIsTheKnownPartAndItIsNamed()
    {
        // A persistent cluster: an x9.huge primary (in no table) and two m5.xlarge core nodes, idle for up to 1 h.
        var plan = TerraformPlan.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Plans", "unknown-instance.json")), "unknown instance");
        var report = ReviewReport.Of(plan, new ReviewSettings
        {
            Subject = "unknown instance", PriceTables = new Dictionary<string, PriceTable> { ["us-east-1"] = PriceTable.Parse(WholeTable) }, RunHours = 1m,
        });
        var json = CostJson.Build(report.Cost);

        Assert.That(json["perHour"], Is.Null);
        Assert.That((decimal)json["atLeast"]!["perHour"]!, Is.EqualTo(2 * 0.24m), "the core nodes' EC2 and EMR");
        Assert.That((decimal)json["atLeast"]!["worstIdle"]!, Is.EqualTo(2 * 0.24m), "an hour idle, the core nodes' share");
        Assert.That(json["missing"]!.AsArray().Select(m => (string)m!), Is.EqualTo(new[] { "the prices of x9.huge in us-east-1" }));
        Assert.That(ReviewMarkdown.Render(report), Does.Contain("- Cluster per hour: **at least $0.48**\n"), "not EC2 only: the core nodes' EMR fee is in it");
    }
}
