using MnistEmr.Common.Cli;
using MnistJob.Tests.Support;

namespace MnistJob.Tests.Cli;

/// <summary>The job's options fall back to <c>MNIST_JOB_*</c> variables, named by the one scheme every tool uses.</summary>
[TestFixture]
public class EnvironmentFallbackTests
{
    [TestCase("LOADER", "--target", "MNIST_LOADER_TARGET")]
    [TestCase("JOB", "--timeout", "MNIST_JOB_TIMEOUT")]
    [TestCase("REVIEW", "--run-hours", "MNIST_REVIEW_RUN_HOURS")]
    public void VariableOf_IsThePrefixTheToolAndTheOptionInUpperSnakeCase(string tool, string option, string variable) =>
        Assert.That(EnvironmentFallback.VariableOf(tool, option), Is.EqualTo(variable));

    [Test]
    public async Task Help_NamesEachCommonOptionsVariable()
    {
        var run = await CliRun.RunAsync("explode --help", new Dictionary<string, string>());

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        foreach (var variable in new[] { "MNIST_JOB_ENDPOINT", "MNIST_JOB_REGION", "MNIST_JOB_TIMEOUT", "MNIST_JOB_RETRIES", "MNIST_JOB_VERBOSE" })
        {
            Assert.That(run.Out, Does.Contain($"[env: {variable}]"), variable);
        }
    }

    [Test]
    public async Task Variable_NotANumber_IsAUsageErrorNamingTheVariable()
    {
        var run = await CliRun.RunAsync("explode --source x --format-a y", new Dictionary<string, string> { ["MNIST_JOB_TIMEOUT"] = "soon" });

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("MNIST_JOB_TIMEOUT must be a whole number; got 'soon'"));
    }

    [Test]
    public async Task Variable_OutOfRange_IsCheckedLikeTheOption()
    {
        var run = await CliRun.RunAsync("explode --source x --format-a y", new Dictionary<string, string> { ["MNIST_JOB_RETRIES"] = "101" });

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("--retries must be from 0 to").And.Contain("(from its environment variable)"));
    }

    [Test]
    public async Task Variable_IsUsedWhenTheOptionIsNotGiven()
    {
        // The endpoint is checked when the command starts: a bad one from the variable proves the variable was read.
        var run = await CliRun.RunAsync("explode --source x --format-a y", new Dictionary<string, string> { ["MNIST_JOB_ENDPOINT"] = "ftp://example" });

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("--endpoint 'ftp://example' is not an http(s) URL"));
    }

    [Test]
    public async Task Option_OnTheCommandLine_WinsOverTheVariable()
    {
        var variables = new Dictionary<string, string> { ["MNIST_JOB_ENDPOINT"] = "ftp://example", ["MNIST_JOB_RETRIES"] = "99" };
        var run = await CliRun.RunAsync("explode --source x --format-a y --endpoint gopher://given --retries 1", variables);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("--endpoint 'gopher://given' is not an http(s) URL"));
        Assert.That(run.Error, Does.Not.Contain("--retries"));
    }

    [TestCase("")]
    [TestCase("  ")]
    public async Task Variable_Empty_CountsAsUnset(string value)
    {
        var run = await CliRun.RunAsync("explode --source x --format-a y --endpoint gopher://given", new Dictionary<string, string> { ["MNIST_JOB_TIMEOUT"] = value });

        Assert.That(run.Error, Does.Not.Contain("MNIST_JOB_TIMEOUT"), run.ToString());
        Assert.That(run.Error, Does.Contain("gopher://given"), "the command got as far as checking the endpoint");
    }
}
