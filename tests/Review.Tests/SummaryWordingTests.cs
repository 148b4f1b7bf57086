using MnistEmr.Review.Cli;

namespace MnistEmr.Review.Tests;

/// <summary>The terminal summary as a user or a CI log reads it: in words that agree, and unfolded when redirected.</summary>
[TestFixture]
public class SummaryWordingTests
{
    // What `terraform show -json` gives for `plan -destroy` of an empty state: nothing to delete.
    private const string EmptyDestroyPlan = """
        { "format_version": "1.2", "terraform_version": "1.11.4", "planned_values": { "root_module": {} }, "resource_changes": [] }
        """;

    [Test]
    public void DestroyOfAnEmptyState_CountsItsOneCheckInWordsThatAgree()
    {
        var plan = Path.Combine(Invocation.OutputFolder() + "-plan.json");
        Directory.CreateDirectory(Path.GetDirectoryName(plan)!);
        File.WriteAllText(plan, EmptyDestroyPlan);
        var output = Invocation.OutputFolder();

        var run = Invocation.Invoke("--plan-json", plan, "--out", output);

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Stdout, Does.Contain("Security: the one check passes"));
        Assert.That(run.Stdout, Does.Not.Contain("all 1 checks"));
        Assert.That(File.ReadAllText(Path.Combine(output, "review.md")), Does.Contain("The one check passes."));
    }

    [Test]
    public void RedirectedStdout_NoLineIsFoldedAtEightyColumns()
    {
        var stdout = new StringWriter();
        var output = Invocation.OutputFolder();
        // A hand-written plan whose buckets lack their guards: long FAIL lines, as a weakened stack gives.
        var plan = Path.Combine(AppContext.BaseDirectory, "Plans", "replace-data-bucket.json");

        var code = ReviewCli.RunAsync(["--plan-json", plan, "--out", output], TerminalConsole.Create(stdout, redirected: true), TextWriter.Null, stdout)
            .GetAwaiter().GetResult();

        Assert.That(code, Is.Zero);
        var lines = stdout.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.That(lines.Where(l => l.Length > 80), Is.Not.Empty, "the summary has lines longer than 80 columns");
        Assert.That(lines.Single(l => l.StartsWith("Cost: ", StringComparison.Ordinal)), Does.EndWith("/month"), "the cost line is one line");
        using var review = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "review.json")));
        foreach (var check in review.RootElement.GetProperty("security").GetProperty("checks").EnumerateArray().Where(c => !c.GetProperty("passed").GetBoolean()))
        {
            Assert.That(lines, Does.Contain(
                $"  FAIL {check.GetProperty("name").GetString()}:{check.GetProperty("resource").GetString()}: {check.GetProperty("detail").GetString()}"));
        }
    }
}
