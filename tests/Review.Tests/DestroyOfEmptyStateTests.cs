namespace MnistEmr.Review.Tests;

/// <summary>
/// <c>--destroy</c> where nothing is deployed (an empty state), on the real offline destroy plan of the default
/// stack: the summary says there is nothing to remove and why, rather than "persistent cluster unknown" for a
/// transient stack and an empty "Data flow:" line.
/// </summary>
[TestFixture]
[Category("Terraform")]
public class DestroyOfEmptyStateTests
{
    [SetUp]
    public void RequireTerraform() => TestStacks.RequireTerraform();

    [Test]
    public void Destroy_NoState_SaysNothingToRemoveAndPricesNoCluster()
    {
        var stack = TestStacks.Synthesize(new PipelineConfig());
        var output = Invocation.OutputFolder();

        var run = Invocation.Invoke("--stack-dir", stack, "--offline", "--destroy", "--out", output);

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.That(lines, Does.Contain("Destroy: nothing to remove: " + Core.DestroyReview.EmptyState));
        Assert.That(lines, Does.Contain("Cost: nothing left to run: no EMR cluster remains after the destroy"));
        Assert.That(lines, Does.Contain("Data flow: none: the plan has no data buckets"));
        Assert.That(run.Stdout, Does.Not.Contain("persistent cluster").And.Not.Contain("Run: unknown"));
        Assert.That(File.ReadAllText(Path.Combine(output, "review.md")), Does.Contain("Nothing to remove: the state Terraform read holds no resources"));
    }
}
