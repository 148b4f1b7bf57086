using System.Globalization;
using MnistEmr.Review.Cli;
using Spectre.Console;

namespace MnistEmr.Review.Tests;

/// <summary>The run's duration, each step's minutes, the cost and the assumptions, in every place the review shows them.</summary>
[TestFixture]
public class CostRenderingTests
{
    private static readonly Lazy<ReviewReport> Report = new(() => ReviewReport.Of(
        TerraformPlan.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Plans", "default-cluster.json")), "default-cluster"),
        new ReviewSettings { Subject = "default cluster", PriceTables = PriceTables.Load(Repository.PathOf("review", "prices")) }));

    private static RunTimeEstimate Run => Report.Value.Cost.RunTime!;

    private static string Minutes(double seconds) => CostText.Minutes(seconds);

    [Test]
    public void Json_Cost_HasTheRunTimeWithEveryStepAndTheRunsCost()
    {
        var cost = ReviewJson.Build(Report.Value)["cost"]!;
        var runTime = cost["runTime"]!;

        Assert.That(runTime["steps"]!.AsArray().Select(s => (string)s!["name"]!), Is.EqualTo(Run.Steps.Select(s => s.Name)));
        Assert.That(runTime["steps"]!.AsArray().Select(s => (double)s!["minutes"]!), Is.EqualTo(Run.Steps.Select(s => Math.Round(s.Seconds / 60, 2))));
        Assert.That((double)runTime["totalMinutes"]!, Is.EqualTo(Math.Round(Run.TotalSeconds / 60, 2)));
        Assert.That((double)runTime["provisioningMinutes"]!, Is.EqualTo(10));
        Assert.That((double)runTime["s3Requests"]!["put"]!, Is.EqualTo(Math.Round(Run.Requests.Puts)));
        Assert.That((decimal)cost["perRun"]!, Is.EqualTo(Report.Value.Cost.PerRun));
        Assert.That((decimal)cost["requestsPerRun"]!, Is.EqualTo(Report.Value.Cost.RequestsPerRun));
        Assert.That((decimal)cost["totalPerRun"]!, Is.EqualTo(Report.Value.Cost.PerRun + Report.Value.Cost.RequestsPerRun));
        Assert.That((decimal)cost["runHours"]!, Is.EqualTo(Run.BilledHours));
        Assert.That((bool)cost["runHoursGiven"]!, Is.False);
        Assert.That(cost["pricesSourceUrls"]!.AsArray(), Is.Not.Empty);
        Assert.That(cost["assumptions"]!.AsArray().Select(a => (string)a!), Has.Some.Contains("tens of milliseconds"));
    }

    [Test]
    public void Markdown_Cost_ListsEachStepsMinutesTheDurationAndTheAssumptions()
    {
        var md = ReviewMarkdown.Render(Report.Value);

        Assert.That(md, Does.Contain($"- Run duration: **{Minutes(Run.TotalSeconds)} (estimated: start-up 10.0 min"));
        var cost = Report.Value.Cost;
        Assert.That(md, Does.Contain(
            $"- Per pipeline run: **{Money.Format(cost.TotalPerRun, "USD")}**: the cluster {Money.Format(cost.PerRun, "USD")} "
            + $"(transient cluster: start-up, steps and shutdown, no idle time) and S3 requests {Money.Format(cost.RequestsPerRun, "USD")}"));
        foreach (var step in Run.Steps)
            Assert.That(md, Does.Contain($"| `{step.Name}` | {Minutes(step.Seconds)} |"), step.Name);
        Assert.That(md, Does.Contain($"- Assumption: explode runs at {new StepTimeAssumptions().ExplodeShareOfPlainWrite.ToString(CultureInfo.InvariantCulture)} of a plain write"));
    }

    [Test]
    public void Html_Cost_ListsEachStepsMinutesAndTheDuration()
    {
        var html = ReviewHtml.Render(Report.Value);

        Assert.That(html, Does.Contain($"<li>Run duration: <b>{Minutes(Run.TotalSeconds)} (estimated: start-up 10.0 min"));
        foreach (var step in Run.Steps)
            Assert.That(html, Does.Contain($"<td><code>{step.Name}</code></td><td>{Minutes(step.Seconds)}</td>"), step.Name);
        Assert.That(html, Does.Contain("<summary>Assumptions</summary>"));
    }

    [Test]
    public void Terminal_Cost_ShowsThePerRunCostTheDurationAndEachStep()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 400;
        TerminalSummary.Write(console, Report.Value, "out");

        var output = text.ToString();
        var cost = Report.Value.Cost;
        Assert.That(output, Does.Contain(
            $"Cost: $0.72/h for the cluster, {Money.Format(cost.TotalPerRun, "USD")} per run (transient cluster {Money.Format(cost.PerRun, "USD")} + S3 requests {Money.Format(cost.RequestsPerRun, "USD")})"));
        Assert.That(output, Does.Contain($"Run: {Minutes(Run.TotalSeconds)} (estimated"));
        Assert.That(output, Does.Contain(string.Join(", ", Run.Steps.Select(s => $"{s.Name} {Minutes(s.Seconds)}"))));
    }

    [Test]
    public void Markdown_UnknownDuration_SaysUnknownAndDrawsNoStepTable()
    {
        var plan = TerraformPlan.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Plans", "default-cluster.json"))
            .Replace("\"instance_type\": \"m5.xlarge\", \"instance_count\": 2", "\"instance_type\": \"x9.huge\", \"instance_count\": 2"), "unsized");
        var report = ReviewReport.Of(plan, new ReviewSettings { Subject = "unsized", PriceTables = PriceTables.Load(Repository.PathOf("review", "prices")) });
        var md = ReviewMarkdown.Render(report);

        Assert.That(md, Does.Contain("- Run duration: **unknown**"));
        Assert.That(md, Does.Contain("- Per pipeline run: **unknown**: the cluster unknown (transient cluster: start-up, steps and shutdown, no idle time) and S3 requests unknown"));
        Assert.That(md, Does.Not.Contain("| step | estimated |"));
        Assert.That(ReviewJson.Build(report)["cost"]!["runTime"], Is.Null);
    }
}
