namespace MnistEmr.Review.Tests;

/// <summary>
/// How the review sorts a plan's resources into the pipeline's nodes: by the contract's catalogue and logical-id rule,
/// checked against the construct paths the synthesized stack records for every element.
/// </summary>
[TestFixture]
public class PipelinePartsTests
{
    // Every resource and data source of the stack with every construct (loader, job and the stack's own KMS key
    // included), with the top-level construct its metadata path names: "<stack>/<construct>/...".
    private static readonly Lazy<IReadOnlyList<(string LogicalId, string Construct)>> Elements = new(() =>
    {
        var stack = TestStacks.Synthesize(new PipelineConfig
        {
            JobArtifactPath = TestStacks.JobPackage(), AccountId = "123456789012", KmsKey = KmsKeySource.Create,
        });
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(stack, "cdk.tf.json")))!;
        return new[] { "resource", "data" }
            .SelectMany(kind => document[kind]!.AsObject().SelectMany(type => type.Value!.AsObject()))
            .Select(e => (e.Key, ((string)e.Value!["//"]!["metadata"]!["path"]!).Split('/')[1]))
            .ToArray();
    });

    [Test]
    public void Of_EveryElementOfTheStack_IsTheNodeOfTheConstructThatMadeIt()
    {
        Assert.That(Elements.Value, Has.Count.GreaterThan(60));
        foreach (var (logicalId, construct) in Elements.Value)
        {
            var expected = PipelineNodes.All.Single(n => n.ConstructIds.Contains(construct));
            Assert.That(PipelineParts.Of(Resource(logicalId)), Is.EqualTo(expected), $"{logicalId} (made by {construct})");
            Assert.That(PipelineNodes.Classifier.Match(logicalId)!.ConstructId, Is.EqualTo(construct), logicalId);
        }
    }

    [Test]
    public void Of_AnyOrderOfTheCatalogue_GivesTheSameNodes()
    {
        var ids = Elements.Value.Select(e => e.LogicalId).ToArray();
        var expected = ids.Select(PipelineNodes.OwnerOf).ToArray();
        var all = PipelineNodes.All.ToArray();
        var orders = Enumerable.Range(0, all.Length).Select(shift => all.Skip(shift).Concat(all.Take(shift)).ToArray())
            .Concat([all.Reverse().ToArray()]);
        foreach (var order in orders)
        {
            var classifier = new NodeClassifier(order);
            Assert.That(ids.Select(classifier.OwnerOf), Is.EqualTo(expected), string.Join(", ", order.Select(n => n.Name)));
        }
    }

    [TestCase("emr_logs_bucket", "logs")]
    [TestCase("emr_logs_lifecycle", "logs")]
    [TestCase("emr_roles_service_role", "iam")]
    [TestCase("emr_roles_partition", "iam")]
    [TestCase("emr_security_groups_primary", "emr")]
    [TestCase("emr_security_configuration_configuration", "emr")]
    [TestCase("emr_cluster", "emr")]
    [TestCase("job_artifacts_bucket", "job_artifact")]
    [TestCase("job_artifact_package", "job_artifact")]
    [TestCase("data_loader_run", "loader")]
    [TestCase("s3_2_format_a_policy", "format_a")]
    [TestCase("kms_key", "encryption")]
    [TestCase("kms_alias", "encryption")]
    [TestCase("unrelated_thing", "other")]
    [TestCase("emr", "emr")]
    [TestCase("emrx_cluster", "other")]
    public void Of_NestedConstructNames_TheLongestClaimWins(string logicalId, string part)
    {
        Assert.That(PipelineParts.Of(Resource(logicalId)).Name, Is.EqualTo(part));
        foreach (var order in new[] { PipelineNodes.All, PipelineNodes.All.Reverse().ToArray() })
            Assert.That(new NodeClassifier(order).OwnerOf(logicalId)?.Name ?? "other", Is.EqualTo(part), "in either order");
    }

    [Test]
    public void Of_ArtifactsBucket_IsMatchedByItsOwnConstructNotTheJobUploads()
    {
        Assert.That(PipelineNodes.Classifier.Match("job_artifacts_bucket")!.ConstructId, Is.EqualTo("job-artifacts"));
        Assert.That(PipelineNodes.Classifier.Match("job_artifact_bootstrap_script")!.ConstructId, Is.EqualTo("job-artifact"));

        // Were the uploads a node of their own, the bucket would still be the bucket's node, whichever comes first.
        var uploads = new PipelineNode { Name = "uploads", Caption = "Uploads", Kind = NodeKind.Infrastructure, ConstructId = PipelineNodes.JobUploadsConstructId };
        var bucket = new PipelineNode { Name = "artifacts", Caption = "Artifacts", Kind = NodeKind.SupportBucket, ConstructId = PipelineNodes.JobArtifacts.ConstructId };
        foreach (var order in new[] { new[] { uploads, bucket }, [bucket, uploads] })
        {
            var classifier = new NodeClassifier(order);
            Assert.That(classifier.OwnerOf("job_artifacts_bucket"), Is.SameAs(bucket));
            Assert.That(classifier.OwnerOf("job_artifact_package"), Is.SameAs(uploads));
        }
    }

    [Test]
    public void DataParts_AreTheCataloguesDataBucketsInFlowOrder()
    {
        var plan = Plan(PipelineNodes.All.Reverse().Where(n => n.IsBucket).Select(n => $"{LogicalIds.PrefixOf(n.ConstructId)}bucket"));
        Assert.That(DataFlow.Of(plan).Nodes.Select(n => n.Part), Is.EqualTo(PipelineNodes.DataBuckets));
        Assert.That(DataFlow.Of(plan).Nodes.Select(n => n.Address),
            Is.EqualTo(PipelineNodes.DataBuckets.Select(n => $"aws_s3_bucket.{LogicalIds.PrefixOf(n.ConstructId)}bucket")));
    }

    [Test]
    public void Versioning_ABucketItsNodeVersionsWithoutVersioning_FailsTheCheck_AnUnversionedNodeHasNone()
    {
        var checks = SecurityReview.Of(Plan(["job_artifacts_bucket", "emr_logs_bucket"]), null).Checks.Where(c => c.Name == "versioning").ToArray();
        Assert.That(checks.Select(c => (c.Resource, c.Passed)), Is.EqualTo(new[] { ("aws_s3_bucket.job_artifacts_bucket", false) }));
        Assert.That(checks[0].Detail, Does.Contain("EMR job artifacts"));
    }

    private static PlanResource Resource(string logicalId) =>
        new() { Address = $"aws_thing.{logicalId}", Mode = "managed", Type = "aws_thing", Name = logicalId, Action = ChangeAction.Create };

    // A plan creating these buckets, nothing else.
    private static TerraformPlan Plan(IEnumerable<string> buckets)
    {
        var changes = new JsonArray(buckets.Select(name => (JsonNode)new JsonObject
        {
            ["address"] = $"aws_s3_bucket.{name}", ["mode"] = "managed", ["type"] = "aws_s3_bucket", ["name"] = name,
            ["change"] = new JsonObject { ["actions"] = new JsonArray("create"), ["before"] = null, ["after"] = new JsonObject(), ["after_unknown"] = new JsonObject() },
        }).ToArray());
        var plan = new JsonObject { ["format_version"] = "1.2", ["resource_changes"] = changes };
        return TerraformPlan.Parse(plan.ToJsonString(), "test plan");
    }
}
