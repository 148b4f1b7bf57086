namespace MnistEmr.Job.Tests.Shared.Cli;

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
    public void ListVariableOf_IsTheVariableInThePlural() =>
        Assert.That(EnvironmentFallback.ListVariableOf("LOADER", "--mirror"), Is.EqualTo("MNIST_LOADER_MIRRORS"));

    [TestCase("a b,c", new[] { "a", "b", "c" })]
    [TestCase(" a ,, b ", new[] { "a", "b" })]
    public void ListOption_FallsBackToItsPluralVariableSplitBySpacesAndCommas(string value, string[] expected)
    {
        var option = new System.CommandLine.Option<string[]>("--mirror")
            .FromEnvironment("LOADER", name => name == "MNIST_LOADER_MIRRORS" ? value : null);
        var root = new System.CommandLine.RootCommand { option };

        Assert.That(root.Parse([]).GetValue(option), Is.EqualTo(expected));
        Assert.That(root.Parse(["--mirror", "given"]).GetValue(option), Is.EqualTo(new[] { "given" }));
    }

    [Test]
    public void RefusedWhenRun_BadVariable_IsNoParseErrorButAProblemNamingIt()
    {
        var table = new OptionTable("LOADER", name => name == "MNIST_LOADER_TIMEOUT" ? "soon" : null, refuseWhileParsing: false);
        var timeout = table.Add(new System.CommandLine.Option<int?>("--timeout"));
        var verbose = table.Add(new System.CommandLine.Option<bool>("--verbose"));
        var root = new System.CommandLine.RootCommand();
        table.AddTo(root);

        var parse = root.Parse([]);

        Assert.That(parse.Errors, Is.Empty);
        Assert.That(parse.GetValue(timeout), Is.Null, "left at its default");
        Assert.That(table.All, Is.EqualTo(new System.CommandLine.Option[] { timeout, verbose }));
        Assert.That(table.FirstProblem(), Is.EqualTo(new VariableProblem("MNIST_LOADER_TIMEOUT", "soon", "a whole number")));
        Assert.That(table.FirstProblem()!.ToString(), Is.EqualTo("MNIST_LOADER_TIMEOUT must be a whole number; got 'soon'"));
    }

    [Test]
    public void RefusedWhileParsing_BadVariable_IsAParseErrorNamingIt()
    {
        var table = new OptionTable("JOB", name => name == "MNIST_JOB_RETRIES" ? "many" : null);
        var retries = table.Add(new System.CommandLine.Option<int>("--retries"));
        var root = new System.CommandLine.RootCommand();
        table.AddTo(root);

        var parse = root.Parse([]);

        Assert.That(parse.Errors.Select(e => e.Message), Is.EqualTo(new[] { "MNIST_JOB_RETRIES must be a whole number; got 'many'" }));
        Assert.That(retries.Description, Does.EndWith("[env: MNIST_JOB_RETRIES]"));
    }

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
        var error = await UsageErrorWithAsync("MNIST_JOB_TIMEOUT", "soon");

        Assert.That(error, Does.Contain("MNIST_JOB_TIMEOUT must be a whole number; got 'soon'"));
    }

    [Test]
    public async Task Variable_OutOfRange_IsCheckedLikeTheOption()
    {
        var error = await UsageErrorWithAsync("MNIST_JOB_RETRIES", "101");

        Assert.That(error, Does.Contain("--retries must be from 0 to").And.Contain("(from its environment variable)"));
    }

    [Test]
    public async Task Variable_IsUsedWhenTheOptionIsNotGiven()
    {
        // The endpoint is checked when the command starts: a bad one from the variable proves the variable was read.
        var error = await UsageErrorWithAsync("MNIST_JOB_ENDPOINT", "ftp://example");

        Assert.That(error, Does.Contain("--endpoint 'ftp://example' is not an http(s) URL"));
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

    /// <summary>Runs explode with <paramref name="variable"/> set to <paramref name="value"/>: a usage error, whose
    /// message it returns.</summary>
    private static async Task<string> UsageErrorWithAsync(string variable, string value)
    {
        var run = await CliRun.RunAsync("explode --source x --format-a y", new Dictionary<string, string> { [variable] = value });

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        return run.Error;
    }
}
