namespace MnistEmr.Review.Tests;

/// <summary>
/// review.html opens with a one-screen summary; it and review.md are titled by the stack, not by the folder it was read
/// from, and review.json names the stack.
/// </summary>
[TestFixture]
public class ReviewHtmlSummaryTests
{
    private static ReviewReport Review(string? stack = "mnist-pipeline") => ReviewReport.Of(
        TerraformPlan.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Plans", "default-cluster.json")), "default-cluster"),
        new ReviewSettings
        {
            Subject = "/home/someone/repo/cdktf.out/stacks/mnist-pipeline",
            Stack = stack,
            PriceTables = PriceTables.Load(Repository.PathOf("review", "prices")),
        });

    // The page from its first section heading to its second: what a reader sees first.
    private static string FirstSection(string html)
    {
        var first = html.IndexOf("<h2", StringComparison.Ordinal);
        var second = html.IndexOf("<h2", first + 1, StringComparison.Ordinal);
        return html[first..second];
    }

    [Test]
    public void Html_FirstSection_HoldsTheGateVerdictChangesCostPerRunAndRunTime()
    {
        // The fixture's one-cluster plan fails checks that need the rest of the stack: keep the passing ones, an open gate.
        var report = Review();
        report = report with { Security = report.Security with { Checks = [.. report.Security.Checks.Where(c => c.Passed)] } };

        var summary = FirstSection(ReviewHtml.Render(report));

        Assert.That(summary, Does.StartWith("<h2>Summary</h2>"));
        Assert.That(summary, Does.Contain("<th>Security gate</th><td><b class=\"pass\">open</b>: " + report.Security.Verdict()));
        Assert.That(summary, Does.Contain("<th>Changes</th><td>" + string.Join(", ", report.Changes.Counts.Select(c => $"{c.Value} to {ReviewJson.Action(c.Key)}"))));
        Assert.That(summary, Does.Contain($"<th>Cost per run</th><td><b>{Money.Format(report.Cost.TotalPerRun, "USD")}</b>"));
        // The figure alone in bold, as in the cost row; what it rests on follows in plain text.
        var (figure, detail) = CostText.DurationParts(report.Cost);
        Assert.That(summary, Does.Contain($"<th>Run time</th><td><b>{figure}</b> {detail}</td>"));
        Assert.That(figure, Does.Match(@"^\d+\.\d min$"));
        Assert.That(CostText.Duration(report.Cost), Is.EqualTo($"{figure} {detail}"));
    }

    [Test]
    public void Html_FailedCheck_ClosesTheGateInTheSummary()
    {
        var report = Review();
        report = report with { Security = report.Security with { Checks = [.. report.Security.Checks.Where(c => c.Passed), new SecurityCheck("bucket-encryption", "aws_s3_bucket.x", false, "no key")] } };

        var summary = FirstSection(ReviewHtml.Render(report));

        Assert.That(summary, Does.Contain("<b class=\"fail\">closed</b>: " + report.Security.Verdict() + " (bucket-encryption)"));
    }

    [Test]
    public void Html_Title_NamesTheStackNotAPath()
    {
        var html = ReviewHtml.Render(Review());

        Assert.That(html, Does.Contain("<title>Plan review of stack mnist-pipeline</title>"));
        Assert.That(html, Does.Contain("<h1>Plan review of stack mnist-pipeline</h1>"));
        Assert.That(html[..html.IndexOf("</h1>", StringComparison.Ordinal)], Does.Not.Contain("/home/someone"), "the path is not the title");
    }

    [Test]
    public void Html_PlanFile_IsTitledByTheFilesName()
    {
        var html = ReviewHtml.Render(Review(stack: null) with { Subject = "/ci/artifacts/plan.json" });

        Assert.That(html, Does.Contain("<h1>Plan review of plan.json</h1>"));
    }

    [Test]
    public void Markdown_Title_NamesTheStackAsThePageDoes()
    {
        var md = ReviewMarkdown.Render(Review());

        Assert.That(md, Does.StartWith("# Plan review of stack mnist-pipeline\n"));
        Assert.That(md.Split('\n')[0], Does.Not.Contain("/home/someone"), "the path is not the title");
        Assert.That(md, Does.Contain("Reviewed `/home/someone/repo/cdktf.out/stacks/mnist-pipeline`."), "the path is still said, below the title");
        Assert.That(ReviewMarkdown.Render(Review(stack: null) with { Subject = "/ci/artifacts/plan.json" }), Does.StartWith("# Plan review of plan.json\n"));
    }

    [Test]
    public void Json_Stack_IsAFieldBesideTheSubject()
    {
        var json = ReviewJson.Build(Review());

        Assert.That((string?)json["stack"], Is.EqualTo("mnist-pipeline"));
        Assert.That((string?)json["subject"], Is.EqualTo("/home/someone/repo/cdktf.out/stacks/mnist-pipeline"), "the existing field stays");
        var planFile = ReviewJson.Build(Review(stack: null) with { Subject = "/ci/artifacts/plan.json" });
        Assert.That(planFile.ContainsKey("stack"), Is.True);
        Assert.That(planFile["stack"], Is.Null, "a saved plan names no stack");
    }
}
