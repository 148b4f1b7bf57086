using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MnistEmr.Stacks.Constructs;

namespace MnistEmr.Review.Tests;

/// <summary>
/// The review's architecture diagram: the pipeline's data flow read from a plan, written as DOT (the four S3 nodes in
/// flow order, every step's reads and writes from the pipeline contract), laid out by the real Graphviz of
/// <c>@viz-js/viz</c>, and the review going on with a warning when the layout engine is missing.
/// </summary>
[TestFixture]
public partial class PipelineDiagramTests
{
    // Flow order by label: S3|1 → S3|2 → S3|4 → S3|3 (S3|4 before S3|3: the model is made before it is evaluated).
    private static readonly string[] FlowIds = ["source", "format_a", "model", "report"];

    private static readonly Lazy<ReviewReport> Report = new(() => ReviewReport.Of(
        TerraformPlan.Parse(PlanWithEveryPart().ToJsonString(), "every part"), new ReviewSettings { Subject = "every part" }));

    private static PipelineDiagram Diagram => Report.Value.Pipeline;

    private static string Dot => DiagramDot.Render(Diagram);

    [Test]
    public void Of_PlanListingTheBucketsBackwards_DrawsThemInFlowOrder()
    {
        Assert.That(Diagram.Buckets.Select(b => b.Part.Label), Is.EqualTo(new[] { "S3|1", "S3|2", "S3|4", "S3|3" }));
        Assert.That(Diagram.Aside, Is.EqualTo(new[] { PipelineNodes.Iam, PipelineNodes.Logs, PipelineNodes.JobArtifacts }));
        Assert.That(Diagram.Network, Is.EqualTo("10.42.0.0/16"));
        Assert.That(Diagram.Cluster!.Text, Is.EqualTo("1 x m5.xlarge primary, 2 x m5.xlarge core"));
    }

    [Test]
    public void Dot_FourS3Nodes_ChainedLeftToRightInFlowOrder()
    {
        var chain = InvisibleChain().Match(Dot);
        Assert.That(chain.Success, Is.True, Dot);
        Assert.That(chain.Groups["chain"].Value.Split(" -> "), Is.EqualTo(FlowIds));
        Assert.That(Dot, Does.Contain("rankdir=LR"));
        // Declared in flow order too, which dot keeps when it orders a rank.
        Assert.That(FlowIds.Select(id => Dot.IndexOf($"\n  {id} [shape=cylinder", StringComparison.Ordinal)), Is.Ordered.And.All.GreaterThan(0));
    }

    [Test]
    public void Dot_EveryStepOfTheContract_HasEachOfItsReadsAndWritesAsALabelledEdge()
    {
        var expected = PipelineSteps.All.SelectMany((step, i) =>
                step.Reads.Select(n => $"{n.Name} -> {DiagramDot.StepId(i + 1)} reads")
                    .Concat(step.Writes.Select(n => $"{DiagramDot.StepId(i + 1)} -> {n.Name} writes")))
            .ToArray();
        var drawn = StepEdge().Matches(Dot).Select(m => $"{m.Groups["from"].Value} -> {m.Groups["to"].Value} {m.Groups["label"].Value}").ToArray();

        Assert.That(expected, Has.Length.EqualTo(18), "the contract's six steps read 10 times and write 8 times");
        Assert.That(drawn, Is.EquivalentTo(expected));
        foreach (var (step, i) in PipelineSteps.All.Select((s, i) => (s, i + 1)))
            Assert.That(Dot, Does.Contain($"{DiagramDot.StepId(i)} [label=\"{i.ToString(CultureInfo.InvariantCulture)}. {step.Name}\"]"), step.Name);
    }

    [Test]
    public void Dot_StepsInsideTheClusterInsideTheVpc_ServingPartsAside()
    {
        var vpc = Dot.IndexOf($"subgraph {DiagramDot.VpcId}", StringComparison.Ordinal);
        var cluster = Dot.IndexOf($"subgraph {DiagramDot.ClusterId}", StringComparison.Ordinal);
        var firstStep = Dot.IndexOf($"{DiagramDot.StepId(1)} [label", StringComparison.Ordinal);
        var aside = Dot.IndexOf($"subgraph {DiagramDot.AsideId}", StringComparison.Ordinal);
        Assert.That(new[] { vpc, cluster, firstStep }, Is.Ordered.And.All.GreaterThanOrEqualTo(0));
        Assert.That(aside, Is.GreaterThan(firstStep));
        Assert.That(Dot[aside..], Does.Contain("\n    iam [").And.Contain("\n    logs [").And.Contain("\n    job_artifact ["));
        Assert.That(Dot, Does.Contain($"{DiagramDot.LoaderId} -> source [label=\"writes mnist/\"]"));
    }

    [Test]
    public void RankingEdges_OneAStep_TheWriteIntoTheFirstBucketItWrites()
    {
        var ranking = DiagramDot.RankingEdges(Diagram).ToDictionary(e => e.Step.Name, e => (e.Bucket, e.Access));
        Assert.That(ranking, Has.Count.EqualTo(PipelineSteps.All.Count));
        Assert.That(ranking["mnist-canary"], Is.EqualTo((PipelineNodes.FormatA, StepAccess.Writes)));
        Assert.That(ranking["mnist-explode"], Is.EqualTo((PipelineNodes.FormatA, StepAccess.Writes)));
        Assert.That(ranking["mnist-train"], Is.EqualTo((PipelineNodes.Model, StepAccess.Writes)));
        Assert.That(ranking["mnist-evaluate"], Is.EqualTo((PipelineNodes.Report, StepAccess.Writes)));
        Assert.That(ranking["mnist-score"], Is.EqualTo((PipelineNodes.Report, StepAccess.Writes)), "its predictions in S3|3");
        Assert.That(Regex.Matches(Dot, "constraint=false").Count, Is.EqualTo(18 - 6), "every other step edge leaves the ranks alone");
    }

    [Test]
    public void Dot_LabelWithQuotesAndBackslashes_IsEscaped()
    {
        Assert.That(DiagramDot.Quote("a \"b\" \\ c\nd"), Is.EqualTo("\"a \\\"b\\\" \\\\ c\\nd\""));
    }

    [Test]
    public void Mermaid_SameDiagram_KeepsTheFlowAndEveryStepEdge()
    {
        var mermaid = DiagramMermaid.Render(Diagram);
        Assert.That(mermaid, Does.StartWith("flowchart LR"));
        Assert.That(Regex.Matches(mermaid, @"-->\|reads\|").Count, Is.EqualTo(PipelineSteps.All.Sum(s => s.Reads.Count)).And.EqualTo(10));
        Assert.That(Regex.Matches(mermaid, @"-->\|writes\|").Count, Is.EqualTo(PipelineSteps.All.Sum(s => s.Writes.Count)).And.EqualTo(8));
        Assert.That(mermaid, Does.Contain("subgraph emr").And.Contain("source[(\"S3#124;1 SOURCE_MNIST_DATA\")]"));
    }

    [Test]
    public void Draw_RealVizJs_PlacesTheFourS3NodesLeftToRightAndDrawsEveryStep()
    {
        var renderer = RequireNodeAndVizJs();
        var drawing = renderer.Draw(Dot, CancellationToken.None);
        Assert.That(drawing.Svg, Is.Not.Null, drawing.NotDrawnReason);

        // Graphviz's SVG: one <g class="node"> per node, its <title> the DOT id, its shape's points in SVG coordinates.
        XNamespace svg = "http://www.w3.org/2000/svg";
        var nodes = XDocument.Parse(drawing.Svg!).Descendants(svg + "g").Where(g => (string?)g.Attribute("class") == "node")
            .ToDictionary(g => g.Element(svg + "title")!.Value, g => g.Descendants(svg + "text").Select(t => double.Parse((string)t.Attribute("x")!, CultureInfo.InvariantCulture)).Average());
        Assert.That(nodes.Keys, Is.SupersetOf(FlowIds.Concat(Enumerable.Range(1, 5).Select(DiagramDot.StepId)).Append(DiagramDot.LoaderId)));
        var x = FlowIds.Select(id => nodes[id]).ToArray();
        Assert.That(x, Is.Ordered.Ascending, string.Join(", ", FlowIds.Zip(x, (id, v) => $"{id} at x={v:0}")));
        Assert.That(x.Distinct().Count(), Is.EqualTo(4), "four columns, not one stacked above another");
        Assert.That(nodes[DiagramDot.LoaderId], Is.LessThan(x[0]), "the loader feeds S3|1 from its left");
        Assert.That(drawing.Svg, Does.StartWith("<svg").And.Not.Contain("<script"));
    }

    [Test]
    public void Draw_PackageNotInstalled_SaysSoAndDrawsNothing()
    {
        RequireNodeAndVizJs();
        // The script alone in a folder outside the repository: node finds no node_modules above it.
        var folder = Directory.CreateTempSubdirectory("review-viz-");
        try
        {
            var script = Path.Combine(folder.FullName, "render-svg.cjs");
            File.Copy(GraphvizRenderer.DefaultScript, script);
            var renderer = new GraphvizRenderer(NodeOnPath(), script, nodeModules: null);
            var drawing = renderer.Draw(Dot, CancellationToken.None);
            Assert.That(drawing.Svg, Is.Null);
            Assert.That(drawing.NotDrawnReason, Does.Contain("@viz-js/viz is not installed"));
            Assert.That(drawing.Warning, Does.Contain("not drawn"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public void Draw_NoNode_SaysSoWithoutThrowing()
    {
        var drawing = new GraphvizRenderer(null, GraphvizRenderer.DefaultScript, null).Draw(Dot, CancellationToken.None);
        Assert.That(drawing.Svg, Is.Null);
        Assert.That(drawing.NotDrawnReason, Does.Contain("no 'node' on the PATH"));
    }

    [Test]
    public void Html_NotDrawn_WarnsAndStillShowsTheDot()
    {
        var report = Report.Value with { Drawing = DiagramDrawing.NotDrawn("no 'node' on the PATH") };
        var html = ReviewHtml.Render(report);
        var md = ReviewMarkdown.Render(report);
        Assert.That(html, Does.Contain("<b>Warning:</b> the architecture SVG was not drawn (no &#39;node&#39; on the PATH)").And.Not.Contain("<svg"));
        Assert.That(html, Does.Contain("digraph pipeline"));
        Assert.That(md, Does.Contain("- Warning: the architecture SVG was not drawn (no 'node' on the PATH)").And.Contain("```mermaid"));
        Assert.That((bool)ReviewJson.Build(report)["diagram"]!["svgDrawn"]!, Is.False);
    }

    [Test]
    public void Html_Drawn_EmbedsTheSvg()
    {
        var report = Report.Value with { Drawing = DiagramDrawing.Drawn("<svg xmlns=\"http://www.w3.org/2000/svg\"><g id=\"drawn\"/></svg>") };
        var html = ReviewHtml.Render(report);
        Assert.That(html, Does.Contain("<figure class=\"diagram\"><svg xmlns=\"http://www.w3.org/2000/svg\"><g id=\"drawn\"/></svg><figcaption>"));
        Assert.That(html, Does.Not.Contain("<b>Warning:</b>"));
    }

    [Test]
    public void SvgElement_DocumentWithDeclarationAndDoctype_KeepsFromTheSvgElementOn()
    {
        Assert.That(GraphvizRenderer.SvgElement("<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg a=\"1\"><g/></svg>\n"), Is.EqualTo("<svg a=\"1\"><g/></svg>"));
        Assert.That(GraphvizRenderer.SvgElement("no drawing"), Is.Null);
    }

    // Node and the installed package, or a skip (a failure where MNIST_EMR_REQUIRE_SERVERS=1 says the machine has them).
    private static GraphvizRenderer RequireNodeAndVizJs()
    {
        var missing = NodeOnPath() is null ? "no node on the PATH"
            : !Directory.Exists(Repository.PathOf("node_modules", "@viz-js", "viz")) ? "@viz-js/viz not installed (npm ci)"
            : null;
        if (missing is null)
            return GraphvizRenderer.Locate(Repository.Root);
        if (Environment.GetEnvironmentVariable("MNIST_EMR_REQUIRE_SERVERS") == "1")
            Assert.Fail($"{missing}, but MNIST_EMR_REQUIRE_SERVERS=1 says this machine has them");
        Assert.Ignore($"diagram layout tests skipped: {missing}");
        return null!;
    }

    private static string? NodeOnPath() => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Where(d => d.Length > 0).Select(d => Path.Combine(d, "node")).FirstOrDefault(File.Exists);

    /// <summary>A plan holding every part, the buckets listed backwards, the cluster running the contract's steps.</summary>
    private static JsonObject PlanWithEveryPart()
    {
        JsonObject Resource(string type, string name, JsonObject after) => new()
        {
            ["address"] = $"{type}.{name}", ["mode"] = "managed", ["type"] = type, ["name"] = name,
            ["change"] = new JsonObject { ["actions"] = new JsonArray("create"), ["before"] = null, ["after"] = after, ["after_unknown"] = new JsonObject() },
        };
        var steps = new JsonArray(PipelineSteps.All.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name, ["action_on_failure"] = s.ActionOnFailure,
            ["hadoop_jar_step"] = new JsonArray(new JsonObject { ["jar"] = "command-runner.jar", ["args"] = new JsonArray("spark-sql", "-e", "SELECT 1") }),
        }).ToArray());
        var resources = new[] { PipelineNodes.Report, PipelineNodes.Model, PipelineNodes.FormatA, PipelineNodes.Source, PipelineNodes.Logs, PipelineNodes.JobArtifacts }
            .Select(n => Resource("aws_s3_bucket", $"{n.ConstructId.Replace('-', '_')}_bucket", new JsonObject { ["bucket"] = $"mnist-emr-{n.ConstructId}" }))
            .Append(Resource("aws_vpc", "network_vpc", new JsonObject { ["cidr_block"] = "10.42.0.0/16" }))
            .Append(Resource("aws_iam_role", "emr_roles_service_role", new JsonObject { ["name"] = "service" }))
            .Append(Resource("terraform_data", "data_loader_load", new JsonObject { ["triggers_replace"] = new JsonObject { ["target"] = "s3://mnist-emr-s3-1-source/mnist/" } }))
            .Append(Resource("aws_emr_cluster", "emr_cluster", new JsonObject
            {
                ["master_instance_group"] = new JsonArray(new JsonObject { ["instance_type"] = "m5.xlarge", ["instance_count"] = 1 }),
                ["core_instance_group"] = new JsonArray(new JsonObject { ["instance_type"] = "m5.xlarge", ["instance_count"] = 2 }),
                ["step"] = steps,
            }));
        return new JsonObject
        {
            ["format_version"] = "1.2", ["terraform_version"] = "1.11.4",
            ["resource_changes"] = new JsonArray(resources.Select(r => (JsonNode)r).ToArray()),
            ["configuration"] = new JsonObject { ["root_module"] = new JsonObject { ["resources"] = new JsonArray() } },
        };
    }

    [GeneratedRegex(@"\n  (?<chain>\w+(?: -> \w+)+) \[style=invis")]
    private static partial Regex InvisibleChain();

    [GeneratedRegex(@"\n  (?<from>\w+) -> (?<to>\w+) \[xlabel=""(?<label>reads|writes)""")]
    private static partial Regex StepEdge();
}
