namespace MnistEmr.Job.Tests.Contract;

/// <summary>
/// The pipeline contract: the node catalogue as the diagram names it, and each step's declared reads and writes
/// against the SQL and command lines <see cref="PipelineSteps.For"/> actually generates.
/// </summary>
[TestFixture]
public partial class PipelineContractTests
{
    // Distinct bucket names per node, so a URI in a step names exactly one node.
    private static readonly StepLocations Locations = FourLocations.Of(
        "s3://one-bucket/mnist/", "s3://two-bucket/format-a/", "s3://four-bucket/models/", "s3://three-bucket/reports/");

    private static IReadOnlyList<JobStep> Steps => PipelineSteps.For(Locations, new SparkSizing(), "run-9");

    private static IEnumerable<PipelineNode> Located => PipelineNodes.All.Where(n => Locations.UriOf(n) is not null);

    // The pipeline's published names: the diagram's titles, the stack's construct ids (its logical ids and bucket
    // names follow from them) and the key prefixes the loader, the job and the outputs use.
    [TestCase("source", "S3|1 SOURCE_MNIST_DATA", "s3-1-source", "mnist/", NodeKind.DataBucket)]
    [TestCase("format_a", "S3|2 FORMAT A", "s3-2-format-a", "format-a/", NodeKind.DataBucket)]
    [TestCase("model", "S3|4 Serialized Model", "s3-4-model", "models/", NodeKind.DataBucket)]
    [TestCase("report", "S3|3 Model Performance Report", "s3-3-report", "reports/", NodeKind.DataBucket)]
    [TestCase("logs", "EMR logs", "emr-logs", "emr/", NodeKind.SupportBucket)]
    [TestCase("job_artifact", "EMR job artifacts", "job-artifacts", null, NodeKind.SupportBucket)]
    [TestCase("network", "Network", "network", null, NodeKind.Infrastructure)]
    [TestCase("emr", "EMR", "emr", null, NodeKind.Infrastructure)]
    [TestCase("iam", "IAM", "emr-roles", null, NodeKind.Infrastructure)]
    [TestCase("loader", "Data loader", "data-loader", null, NodeKind.Infrastructure)]
    public void Catalogue_EachNode_HasItsPublishedNames(string name, string title, string constructId, string? keyPrefix, NodeKind kind)
    {
        var node = PipelineNodes.All.Single(n => n.Name == name);
        Assert.That((node.Title, node.ConstructId, node.KeyPrefix, node.Kind), Is.EqualTo((title, constructId, keyPrefix, kind)));
    }

    [Test]
    public void Catalogue_Order_IsTheDataInFlowOrderThenTheRest()
    {
        Assert.That(PipelineNodes.DataBuckets, Is.EqualTo(new[] { PipelineNodes.Source, PipelineNodes.FormatA, PipelineNodes.Model, PipelineNodes.Report }));
        Assert.That(PipelineNodes.All.Order(), Is.EqualTo(PipelineNodes.All), "a node's order is its place in the catalogue");
        Assert.That(PipelineNodes.All.Select(n => n.Name), Is.Unique);
        Assert.That(PipelineNodes.All.SelectMany(n => n.ConstructIds), Is.Unique);
    }

    [Test]
    public void Catalogue_VersionedAndExpiring_AreTheModelReportArtifactsAndLogs()
    {
        Assert.That(PipelineNodes.All.Where(n => n.Versioned), Is.EquivalentTo(new[] { PipelineNodes.Model, PipelineNodes.Report, PipelineNodes.JobArtifacts }));
        Assert.That(PipelineNodes.All.Where(n => n.ExpireObjectsAfterDays is not null).Select(n => (n, n.ExpireObjectsAfterDays)),
            Is.EqualTo(new[] { (PipelineNodes.Logs, (int?)90) }));
    }

    [Test]
    public void Steps_ReadsAndWrites_GiveEachNodeItsReadersAndWriters()
    {
        Assert.That(PipelineNodes.Source.ReadBy, Is.EqualTo(new[] { PipelineSteps.Canary, PipelineSteps.Explode }));
        Assert.That(PipelineNodes.Source.WrittenBy, Is.Empty, "only the loader writes S3|1: the cluster's role only reads it");
        Assert.That(PipelineNodes.FormatA.WrittenBy, Is.EqualTo(new[] { PipelineSteps.Canary, PipelineSteps.Explode }),
            "the score step only reads its inbox: the job lists it itself, so no marker keeps the prefix in existence");
        Assert.That(PipelineNodes.FormatA.ReadBy, Is.EqualTo(new[] { PipelineSteps.Canary, PipelineSteps.Train, PipelineSteps.Evaluate, PipelineSteps.Score }));
        Assert.That(PipelineNodes.Model.ReadBy, Is.EqualTo(new[] { PipelineSteps.Evaluate, PipelineSteps.Report, PipelineSteps.Score }));
        Assert.That(PipelineNodes.Report.WrittenBy, Is.EqualTo(new[] { PipelineSteps.Canary, PipelineSteps.Evaluate, PipelineSteps.Report, PipelineSteps.Score }));
        Assert.That(PipelineNodes.All.Where(n => n.UsedBy.Any()), Is.EqualTo(Located), "the steps touch exactly the nodes they have a location for");
    }

    [Test]
    public void Steps_EveryDeclaredNode_IsGivenToTheStep()
    {
        foreach (var step in Steps)
        {
            var named = NodesNamedIn(string.Join(' ', step.Args));
            Assert.That(named, Is.SupersetOf(step.Definition.Reads.Union(step.Definition.Writes)), step.Name);
        }
    }

    [Test]
    public void Steps_EveryDirectoryTheSqlWrites_IsInANodeTheStepWrites()
    {
        foreach (var step in Steps)
        {
            var targets = InsertTarget().Matches(step.Sql).Select(m => m.Groups[1].Value).ToArray();
            Assert.That(targets, Is.Not.Empty, step.Name);
            foreach (var target in targets)
                Assert.That(step.Definition.Writes, Does.Contain(NodeOf(target)), $"{step.Name} writes {target}");
        }
    }

    [Test]
    public void Steps_EveryTreeTheSqlReads_IsInANodeTheStepReadsOrWroteItself()
    {
        foreach (var step in Steps)
        {
            foreach (var path in TreeRead().Matches(step.Sql).Select(m => m.Groups[1].Value + m.Groups[2].Value))
                Assert.That(step.Definition.Reads.Concat(step.Definition.Writes), Does.Contain(NodeOf(path)), $"{step.Name} reads {path}");
        }
    }

    [Test]
    public void Steps_ScoreStep_ReadsTheInboxAndTheModelWritesThePredictions()
    {
        var score = Steps.Single(s => s.Definition == PipelineSteps.Score);
        // Its objects are written by the job processes, not only by the INSERT: every location its row commands are
        // given lies in a node it declares (the report step, by contrast, is given S3|2 only to name it).
        foreach (var location in RowCommandLocation().Matches(score.Sql).Select(m => m.Groups[1].Value))
            Assert.That(score.Definition.Reads.Concat(score.Definition.Writes), Does.Contain(NodeOf(location)), location);

        Assert.That(TreeRead().Matches(score.Sql).Select(m => NodeOf(m.Groups[2].Value)), Is.EqualTo(new[] { PipelineNodes.FormatA, PipelineNodes.FormatA }),
            "the inbox, listed then fetched");
        Assert.That(score.Sql, Does.Contain($"--models {Locations.ModelUri}"), "the model is read by the score tasks");
        Assert.That(score.Definition.Reads, Is.EqualTo(new[] { PipelineNodes.FormatA, PipelineNodes.Model }));
        Assert.That(score.Definition.Writes, Is.EqualTo(new[] { PipelineNodes.Report }));
        Assert.That(NodeOf(ScoreStep.PredictionsUri(Locations, "run-9")), Is.EqualTo(PipelineNodes.Report));
    }

    [Test]
    public void Steps_Names_AreFoundByName()
    {
        Assert.That(PipelineSteps.All.Select(s => PipelineSteps.Named(s.Name)), Is.EqualTo(PipelineSteps.All));
        Assert.That(PipelineSteps.Named("mnist-unknown"), Is.Null);
    }

    [Test]
    public void NodeKeys_TheJobAndTheSql_UseTheSameTrees()
    {
        Assert.That(Steps[2].Sql, Does.Contain($"rows list --input {Locations.FormatAUri}{MnistFiles.PrefixOf(DatasetSplit.Train)}"));
        Assert.That(Steps[3].Sql, Does.Contain($"rows list --input {Locations.FormatAUri}{MnistFiles.PrefixOf(DatasetSplit.Test)}"));
        Assert.That(Steps[0].Sql, Does.Contain($"rows list --input {Locations.FormatAUri}{MnistEmr.Job.Canary.CanaryProbeTree.Root("run-9")}"));
        Assert.That(Steps[5].Sql, Does.Contain($"rows list --input {Locations.FormatAUri}{NodeKeys.Inbox}"));
        Assert.That(ScoreKeys.SummaryJson("run-9"), Does.StartWith(NodeKeys.Predictions("run-9")));
        Assert.That(ReportStep.HtmlUri(Locations, "run-9"), Is.EqualTo(Locations.ReportUri + RunKeys.ReportHtml("run-9")));
        Assert.That(RunKeys.Model("run-9"), Does.StartWith(NodeKeys.Run("run-9")));
    }

    [Test]
    public void LogicalIds_ConstructPath_JoinedWithUnderscores()
    {
        Assert.That(LogicalIds.Of(["s3-1-source", "bucket"]), Is.EqualTo("s3_1_source_bucket"));
        Assert.That(LogicalIds.PrefixOf("job-artifact"), Is.EqualTo("job_artifact_"));
    }

    [Test]
    public void Classifier_TwoConstructIdsWithOneSpelling_IsRefused()
    {
        var a = new PipelineNode { Name = "a", Caption = "A", Kind = NodeKind.Infrastructure, ConstructId = "x-y" };
        var b = new PipelineNode { Name = "b", Caption = "B", Kind = NodeKind.Infrastructure, ConstructId = "x_y" };
        var error = Assert.Throws<ArgumentException>(() => _ = new NodeClassifier([a, b]));
        Assert.That(error!.Message, Does.Contain("'x-y' and 'x_y'").And.Contain("x_y_"));
    }

    private static PipelineNode[] NodesNamedIn(string text) => Located.Where(n => text.Contains(Locations.UriOf(n)!, StringComparison.Ordinal)).ToArray();

    private static PipelineNode NodeOf(string uri)
    {
        var nodes = Located.Where(n => uri.StartsWith(Locations.UriOf(n)!, StringComparison.Ordinal)).ToArray();
        Assert.That(nodes, Has.Length.EqualTo(1), uri);
        return nodes[0];
    }

    [GeneratedRegex("INSERT OVERWRITE DIRECTORY '([^']+)'")]
    private static partial Regex InsertTarget();

    // A json view's path, or the tree a `rows list` or `rows fetch` reads.
    [GeneratedRegex(@"OPTIONS \(path '([^']+)'|rows (?:list|fetch) --input (\S+)")]
    private static partial Regex TreeRead();

    [GeneratedRegex(@"--(?:source|format-a|models|reports|input) (s3://\S+)")]
    private static partial Regex RowCommandLocation();
}
