namespace MnistEmr.Review.Tests;

/// <summary>Bad input meets a clear one-line error and the documented exit code.</summary>
[TestFixture]
[NonParallelizable]
public class BadInputTests
{
    [Test]
    public void Help_Always_ExplainsEveryOptionAndTheExitCodes()
    {
        var run = Invocation.Invoke("--help");
        Assert.That(run.ExitCode, Is.Zero);
        foreach (var option in new[] { "--offline", "--destroy", "--stack-dir", "--plan-json", "--out", "--gate", "--run-hours" })
            Assert.That(run.Stdout, Does.Contain(option));
        Assert.That(run.Stdout, Does.Contain("Exit codes: 0").And.Contain("5 --gate"));
    }

    [Test]
    public void PlanJson_FileIsNotAPlan_ExitsTwoNamingThePath()
    {
        var file = Path.Combine(Invocation.OutputFolder() + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "{\"resource\": {}}");
        var run = Invocation.Invoke("--plan-json", file, "--out", Invocation.OutputFolder());
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain($"error: {file} is not a Terraform plan in JSON"));
        Assert.That(run.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public void PlanJson_Folder_ExitsTwoSayingItIsAFolder()
    {
        var folder = Invocation.OutputFolder();
        Directory.CreateDirectory(folder);
        var run = Invocation.Invoke("--plan-json", folder, "--out", Invocation.OutputFolder());
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain($"error: --plan-json {folder} is a folder"));
    }

    [Test]
    public void PlanJson_Missing_ExitsTwo()
    {
        var run = Invocation.Invoke("--plan-json", "/nonexistent/plan.json");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("no plan file at /nonexistent/plan.json"));
    }

    [Test]
    public void PlanJson_SavedPlan_ReviewedWithoutTerraform()
    {
        var output = Invocation.OutputFolder();
        var run = Invocation.Invoke("--plan-json", Path.Combine(AppContext.BaseDirectory, "Plans", "replace-data-bucket.json"), "--out", output);
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Stdout, Does.Contain("WARNING aws_s3_bucket.s3_2_format_a_bucket: S3|2 FORMAT A bucket will be replaced"));
        Assert.That(File.ReadAllText(Path.Combine(output, "review.md")), Does.Contain("> **WARNING** `aws_s3_bucket.s3_2_format_a_bucket`"));
    }

    [Test]
    public void PlanJson_DestroyPlan_SaysWhichBucketsWouldStopIt()
    {
        var run = Invocation.Invoke("--plan-json", Path.Combine(AppContext.BaseDirectory, "Plans", "destroy.json"), "--out", Invocation.OutputFolder());
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Stdout, Does.Contain("Destroy: 4 resources removed").And.Contain("would stop the destroy aws_s3_bucket.s3_1_source_bucket"));
    }

    [Test]
    public void StackDir_WithoutAStack_ExitsTwoNamingTheFolder()
    {
        var folder = Invocation.OutputFolder();
        Directory.CreateDirectory(folder);
        var run = Invocation.Invoke("--stack-dir", folder, "--offline");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain($"{folder} holds no synthesized stack"));
    }

    [Test]
    public void StackDirAndPlanJson_Together_ExitTwo()
    {
        var run = Invocation.Invoke("--stack-dir", "a", "--plan-json", "b");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("exclude each other"));
    }

    [Test]
    public void Terraform_NotOnThePath_ExitsThreeSayingWhatIsMissing()
    {
        var stack = TestStacks.Synthesize(new PipelineConfig());
        var path = Environment.GetEnvironmentVariable("PATH");
        try
        {
            Environment.SetEnvironmentVariable("PATH", Invocation.OutputFolder());
            var run = Invocation.Invoke("--stack-dir", stack, "--offline", "--out", Invocation.OutputFolder());
            Assert.That(run.ExitCode, Is.EqualTo(3));
            Assert.That(run.Stderr, Does.Contain("no 'terraform' on the PATH: install Terraform 1.11.4"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    [Test]
    public void Plan_TerraformRejectsTheConfiguration_ExitsThreeShowingTerraformsError()
    {
        TestStacks.RequireTerraform();
        var stack = TestStacks.Weakened(TestStacks.Synthesize(new PipelineConfig()), config =>
            config["resource"]!["aws_vpc"]!["network_vpc"]!.AsObject()["cidr_block"] = "${aws_subnet.no_such_subnet.id}");
        var run = Invocation.Invoke("--stack-dir", stack, "--offline", "--out", Invocation.OutputFolder());
        Assert.That(run.ExitCode, Is.EqualTo(3));
        Assert.That(run.Stderr, Does.Contain("terraform plan failed").And.Contain("no_such_subnet"));
    }

    [Test]
    public void NoCredentials_WithoutOffline_PlansOfflineAndSuggestsTheFlag()
    {
        TestStacks.RequireTerraform();
        var stack = TestStacks.Synthesize(new PipelineConfig());
        var saved = new[] { "HOME", "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE" }
            .ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var name in saved.Keys)
                Environment.SetEnvironmentVariable(name, null);
            Environment.SetEnvironmentVariable("HOME", Invocation.OutputFolder());
            var run = Invocation.Invoke("--stack-dir", stack, "--out", Invocation.OutputFolder());
            Assert.That(run.ExitCode, Is.Zero, run.Stderr);
            Assert.That(run.Stderr, Does.Contain("no AWS credentials found").And.Contain("--offline"));
            Assert.That(run.Stdout, Does.Contain("(offline plan)"));
        }
        finally
        {
            foreach (var (name, value) in saved)
                Environment.SetEnvironmentVariable(name, value);
        }
    }

    [Test]
    public void InvalidSetting_ExitsTwoNamingTheSetting()
    {
        var saved = Environment.GetEnvironmentVariable("MNIST_EMR_IDLE_TIMEOUT_MINUTES");
        try
        {
            Environment.SetEnvironmentVariable("MNIST_EMR_IDLE_TIMEOUT_MINUTES", "never");
            var run = Invocation.Invoke("--plan-json", Path.Combine(AppContext.BaseDirectory, "Plans", "destroy.json"), "--out", Invocation.OutputFolder());
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Stderr, Does.Contain("idleTimeoutMinutes"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("MNIST_EMR_IDLE_TIMEOUT_MINUTES", saved);
        }
    }

    [TestCase("--bogus", "Unrecognized command or argument '--bogus'")]
    [TestCase("--run-hours", "Required argument missing for option: '--run-hours'")]
    [TestCase("--run-hours abc", "Cannot parse argument 'abc' for option '--run-hours'")]
    public void Parse_UnknownOptionOrBadValue_IsOneLineAndExitTwo(string commandLine, string message)
    {
        var run = Invocation.Invoke(commandLine.Split(' '));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Stderr);
        Assert.That(run.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.Stderr);
        Assert.That(run.Stderr, Does.StartWith("error: ").And.Contain(message).And.EndWith("(see --help)" + Environment.NewLine));
        Assert.That(run.Stdout, Does.Not.Contain("Usage:"), "no help dump");
    }

    [Test]
    public void Prices_FolderMissing_ExitsTwoNamingIt()
    {
        var run = Invocation.Invoke("--plan-json", Path.Combine(AppContext.BaseDirectory, "Plans", "destroy.json"), "--prices", "/nonexistent/prices", "--out", Invocation.OutputFolder());

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Stderr);
        Assert.That(run.Stderr.Trim(), Is.EqualTo("error: --prices /nonexistent/prices: no such folder (it should hold <region>.json price tables)"));
    }

    [Test]
    public void Prices_MalformedTable_ExitsTwoNamingTheFile()
    {
        var prices = Invocation.OutputFolder();
        Directory.CreateDirectory(prices);
        var table = Path.Combine(prices, "us-east-1.json");
        File.WriteAllText(table, "{\"region\": \"us-east-1\", \"instances\": [1, 2");

        var run = Invocation.Invoke("--plan-json", Path.Combine(AppContext.BaseDirectory, "Plans", "destroy.json"), "--prices", prices, "--out", Invocation.OutputFolder());

        AssertOneErrorLine(run, $"error: price table {table} is not valid: ");
    }

    [Test]
    public void Out_IsAFile_ExitsTwoNamingIt()
    {
        var file = Invocation.OutputFolder() + ".txt";
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "not a folder");

        var run = Invocation.Invoke("--plan-json", Path.Combine(AppContext.BaseDirectory, "Plans", "destroy.json"), "--out", file);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Stderr);
        Assert.That(run.Stderr.Trim(), Is.EqualTo($"error: --out {file} is a file, not a folder"));
    }

    [TestCase("{\"format_version\": \"1.2\", \"resource_changes\": {\"a\": 1}}")]
    [TestCase("{\"format_version\": \"1.2\", \"resource_changes\": [{\"type\": \"aws_vpc\"}]}")]
    [TestCase("{\"format_version\": \"1.2\", \"resource_changes\": [42]}")]
    public void PlanJson_WrongShape_ExitsTwoNamingThePath(string json)
    {
        var file = Invocation.OutputFolder() + ".json";
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, json);

        var run = Invocation.Invoke("--plan-json", file, "--out", Invocation.OutputFolder());

        AssertOneErrorLine(run, $"error: {file} is not a Terraform plan in JSON of the expected shape");
    }

    [Test]
    public void Variables_StandInForOptionsNotGiven_AndTheCommandLineWins()
    {
        // MNIST_REVIEW_PLAN_JSON names the plan, as --plan-json would; MNIST_REVIEW_RUN_HOURS is checked like the option.
        var plan = Path.Combine(AppContext.BaseDirectory, "Plans", "destroy.json");
        var fromVariable = Invocation.InvokeWith(new Dictionary<string, string> { ["MNIST_REVIEW_PLAN_JSON"] = "/nonexistent/from-variable.json" });
        Assert.That(fromVariable.ExitCode, Is.EqualTo(2));
        Assert.That(fromVariable.Stderr, Does.Contain("no plan file at /nonexistent/from-variable.json"));

        var given = Invocation.InvokeWith(
            new Dictionary<string, string> { ["MNIST_REVIEW_PLAN_JSON"] = "/nonexistent/from-variable.json" }, "--plan-json", plan, "--out", Invocation.OutputFolder());
        Assert.That(given.ExitCode, Is.Zero, given.Stderr);

        var bad = Invocation.InvokeWith(new Dictionary<string, string> { ["MNIST_REVIEW_RUN_HOURS"] = "two" }, "--plan-json", plan);
        Assert.That(bad.ExitCode, Is.EqualTo(2));
        Assert.That(bad.Stderr, Does.Contain("error: MNIST_REVIEW_RUN_HOURS must be a number; got 'two'"));

        var help = Invocation.InvokeWith(new Dictionary<string, string>(), "--help");
        Assert.That(help.Stdout, Does.Contain("[env: MNIST_REVIEW_OFFLINE]").And.Contain("[env: MNIST_REVIEW_RUN_HOURS]"));
    }

    [TestCase("on")]
    [TestCase("YES")]
    [TestCase("1")]
    public void FlagVariable_AnyFlagWord_TakesTheSettingsWords(string word)
    {
        var plan = Path.Combine(AppContext.BaseDirectory, "Plans", "destroy.json");
        var run = Invocation.InvokeWith(new Dictionary<string, string> { ["MNIST_REVIEW_OFFLINE"] = word }, "--plan-json", plan, "--out", Invocation.OutputFolder());

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Stdout, Does.Contain("(offline plan)"));
    }

    [Test]
    public void FlagVariable_NotAFlagWord_ExitsTwoNamingTheVariableAndTheWords()
    {
        var plan = Path.Combine(AppContext.BaseDirectory, "Plans", "destroy.json");
        var run = Invocation.InvokeWith(new Dictionary<string, string> { ["MNIST_REVIEW_OFFLINE"] = "maybe" }, "--plan-json", plan, "--out", Invocation.OutputFolder());

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Stderr);
        Assert.That(run.Stderr, Does.StartWith("error: MNIST_REVIEW_OFFLINE must be true/false, yes/no, on/off or 1/0; got 'maybe'"));
    }

    [TestCase("0")]
    [TestCase("-3")]
    [TestCase("8760.5")]
    [TestCase("99999999999999999999")]
    public void RunHours_OutOfRange_IsOneLineExitTwoAndWritesNothing(string hours)
    {
        var output = Invocation.OutputFolder();
        var run = Invocation.Invoke("--plan-json", Path.Combine(AppContext.BaseDirectory, "Plans", "destroy.json"), "--run-hours", hours, "--out", output);

        AssertOneErrorLine(run, $"error: --run-hours must be more than 0 and at most 8760 hours (a year); got {hours}");
        Assert.That(Directory.Exists(output), Is.False, "nothing written");
    }

    [TestCase("8760")]
    [TestCase("0.25")]
    public void RunHours_InRange_PricesThatRun(string hours)
    {
        // A plan with a cluster that runs: after a destroy there is no run to price.
        var run = Invocation.Invoke("--plan-json", Path.Combine(AppContext.BaseDirectory, "Plans", "default-cluster.json"), "--run-hours", hours, "--out", Invocation.OutputFolder());

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Stdout, Does.Contain("from --run-hours"));
    }

    [Test]
    public void RunHoursVariable_OutOfRange_NamesTheVariable()
    {
        var output = Invocation.OutputFolder();
        var run = Invocation.InvokeWith(
            new Dictionary<string, string> { ["MNIST_REVIEW_RUN_HOURS"] = "-3" }, "--plan-json", Path.Combine(AppContext.BaseDirectory, "Plans", "destroy.json"), "--out", output);

        AssertOneErrorLine(run, "error: MNIST_REVIEW_RUN_HOURS must be more than 0 and at most 8760 hours (a year); got -3");
        Assert.That(Directory.Exists(output), Is.False, "nothing written");
    }

    [Test]
    public void PlanJsonAndDestroy_Together_ExitTwoNamingBothAndWriteNothing()
    {
        var output = Invocation.OutputFolder();
        var run = Invocation.Invoke("--plan-json", Path.Combine(AppContext.BaseDirectory, "Plans", "destroy.json"), "--destroy", "--out", output);

        AssertOneErrorLine(run, "error: --plan-json and --destroy exclude each other");
        Assert.That(Directory.Exists(output), Is.False, "nothing written");
    }

    [Test]
    public void StackDir_HoldingBothFormats_ExitsTwoNamingBothAndWritesNothing()
    {
        // What `cdktf synth --hcl` then `cdktf synth` left before synthesis removed the stale file: Terraform answered
        // with a "Duplicate ... configuration" error for every resource.
        var stack = TestStacks.Synthesize(new PipelineConfig());
        var folder = Invocation.OutputFolder();
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(stack, "cdk.tf.json"), Path.Combine(folder, "cdk.tf.json"));
        File.WriteAllText(Path.Combine(folder, "cdk.tf"), "terraform {}\n");
        var output = Invocation.OutputFolder();

        var run = Invocation.Invoke("--stack-dir", folder, "--offline", "--out", output);

        AssertOneErrorLine(run, $"error: {folder} holds both cdk.tf and cdk.tf.json: ");
        Assert.That(Directory.Exists(output), Is.False, "nothing written, Terraform not run");
    }

    /// <summary>The run is a usage error (exit 2) whose log is one line, starting with <paramref name="start"/>.</summary>
    private static void AssertOneErrorLine(Invocation.Run run, string start)
    {
        Assert.That(run.ExitCode, Is.EqualTo(2), run.Stderr);
        Assert.That(run.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.Stderr);
        Assert.That(run.Stderr, Does.StartWith(start));
    }
}
