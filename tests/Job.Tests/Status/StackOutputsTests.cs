namespace MnistEmr.Job.Tests.Status;

[TestFixture]
public class StackOutputsTests
{
    private static string Output(string name, string value) => $"\"{name}\": {{\"sensitive\": false, \"type\": \"string\", \"value\": \"{value}\"}}";

    [Test]
    public void Parse_TheStacksOutputs_NamesTheFourNodesAndTheCluster()
    {
        var json = "{" + string.Join(", ",
            Output("s3_1_dataset_uri", "s3://p-source/mnist/"), Output("s3_2_format_a_uri", "s3://p-format-a/format-a/"),
            Output("s3_4_model_uri", "s3://p-model/models/"), Output("s3_3_report_uri", "s3://p-report/reports/"),
            Output("emr_cluster_id", "j-1ABC"), Output("vpc_id", "vpc-1")) + "}";

        var outputs = StackOutputs.Parse(json, "stack");

        Assert.That(outputs, Is.EqualTo(new StackOutputs(FourLocations.Of("s3://p-source/mnist/", "s3://p-format-a/format-a/", "s3://p-model/models/", "s3://p-report/reports/"), "j-1ABC")));
    }

    [Test]
    public void Parse_DashboardOutput_IsTheDashboardUrl()
    {
        const string url = "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/mnist-emr-mnist-pipeline";
        var json = "{" + string.Join(", ",
            Output("s3_1_dataset_uri", "s3://a/"), Output("s3_2_format_a_uri", "s3://b/"), Output("s3_4_model_uri", "s3://c/"),
            Output("s3_3_report_uri", "s3://d/"), Output("dashboard_url", url)) + "}";

        Assert.That(StackOutputs.Parse(json, "stack").DashboardUrl, Is.EqualTo(url));
        Assert.That(StackOutputs.Parse(json.Replace("dashboard_url", "other_url", StringComparison.Ordinal), "stack").DashboardUrl, Is.Null, "an older stack has none");
    }

    [Test]
    public void Parse_NoOutputs_SaysTheStackIsNotDeployed()
    {
        var error = Assert.Throws<ToolException>(() => StackOutputs.Parse("{}", "cdktf.out/stacks/s"))!;

        Assert.That(error.ExitCode, Is.EqualTo(ExitCode.RemoteFailure));
        Assert.That(error.Message, Does.Contain("cdktf.out/stacks/s").And.Contain("s3_2_format_a_uri").And.Contain("deployed"));
    }

    [Test]
    public void Parse_SomeOutputsMissing_NamesThem()
    {
        var json = "{" + string.Join(", ", Output("s3_1_dataset_uri", "s3://a/"), Output("s3_2_format_a_uri", "s3://b/")) + "}";

        var error = Assert.Throws<ToolException>(() => StackOutputs.Parse(json, "d"))!;

        Assert.That(error.Message, Does.Contain("lack s3_4_model_uri, s3_3_report_uri;"));
    }

    [Test]
    public void Parse_NotJson_IsARemoteFailure()
    {
        Assert.That(Assert.Throws<ToolException>(() => StackOutputs.Parse("Warning: no outputs", "d"))!.ExitCode, Is.EqualTo(ExitCode.RemoteFailure));
    }

    [Test]
    public void RunIdOf_TheStepsArgs_IsTheirRunId()
    {
        var steps = PipelineSteps.For(FourLocations.Of("s3://a/s/", "s3://a/f/", "s3://a/m/", "s3://a/r/"), new SparkSizing(), "job-0a1b2c3d4e5f");
        // As the stack carries them: each step's name and its command-runner.jar arguments.
        var json = JsonSerializer.Serialize(new { step = steps.Select(s => new { name = s.Name, args = s.Args }) }, new JsonSerializerOptions { WriteIndented = true });

        Assert.That(StackOutputReader.RunIdOf(json), Is.EqualTo("job-0a1b2c3d4e5f"));
    }

    [TestCase(null)]
    [TestCase("{\"resource\": {}}")]
    [TestCase("[\"mnist-canary-job-a\", \"mnist-canary-job-b\"]")]
    public void RunIdOf_NoStepsOrTwoRuns_IsNull(string? json)
    {
        Assert.That(StackOutputReader.RunIdOf(json), Is.Null);
    }

    [Test]
    public void DefaultStackDirectory_FindsTheRepositoryAboveAndTheStackName()
    {
        var root = Directory.CreateTempSubdirectory("status-repo-");
        try
        {
            File.WriteAllText(Path.Combine(root.FullName, "cdktf.json"), "{}");
            var inner = Directory.CreateDirectory(Path.Combine(root.FullName, "emr-job", "bin"));

            Assert.That(StackOutputReader.DefaultStackDirectory(inner.FullName, _ => null), Is.EqualTo(Path.Combine(root.FullName, "cdktf.out", "stacks", "mnist-pipeline")));
            Assert.That(StackOutputReader.DefaultStackDirectory(inner.FullName, v => v == "MNIST_EMR_STACK_NAME" ? "other" : null), Does.EndWith(Path.Combine("stacks", "other")));
            Assert.That(Assert.Throws<ToolException>(() => StackOutputReader.DefaultStackDirectory(Path.GetTempPath(), _ => null))!.ExitCode, Is.EqualTo(ExitCode.UsageError));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}

[TestFixture]
public class SparkJsonRowsTests
{
    [Test]
    public void Parse_JsonLines_KeepsObjectsAndSkipsTheRest()
    {
        var rows = SparkJsonRows.Parse("{\"kind\":\"count\",\"n\":3}\nnot json\n\n[1]\n{\"kind\":\"mistake\"}\n"u8);

        Assert.That(rows.Select(r => SparkJsonRows.Text(r, "kind")), Is.EqualTo(new[] { "count", "mistake" }));
        Assert.That(rows.Select(r => SparkJsonRows.Integer(r, "n")), Is.EqualTo(new long?[] { 3, null }));
    }

    [TestCase("_runs/x/canary/part-00000-abc.json", true)]
    [TestCase("_runs/x/canary/_SUCCESS", false)]
    [TestCase("_runs/x/canary/.part-00000-abc.json.crc", false)]
    public void IsPart_OnlyDataFiles(string key, bool part)
    {
        Assert.That(SparkJsonRows.IsPart(key), Is.EqualTo(part));
    }
}
