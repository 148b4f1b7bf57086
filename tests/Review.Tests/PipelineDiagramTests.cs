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
    public void Dot_EveryStepInTheFlow_HasEachOfItsReadsAndWritesAsAnEdgeCarryingItsLabel()
    {
        // The canary writes probes into three buckets: it works across the flow, so it is drawn without edges.
        var expected = PipelineSteps.All.Select((step, i) => (step, Id: DiagramDot.StepId(i + 1))).Where(s => s.step != PipelineSteps.Canary)
            .SelectMany(s => s.step.Reads.Select(n => $"{n.Name} -> {s.Id} reads").Concat(s.step.Writes.Select(n => $"{s.Id} -> {n.Name} writes")))
            .ToArray();
        var drawn = Edges().Select(e => $"{e.From} -> {e.To} {e.Label}").ToArray();

        Assert.That(expected, Has.Length.EqualTo(13), "the five steps in the flow read 8 times and write 5 times");
        Assert.That(drawn, Is.EquivalentTo(expected));
        foreach (var (step, i) in PipelineSteps.All.Select((s, i) => (s, i + 1)).Where(s => s.s != PipelineSteps.Canary))
            Assert.That(Dot, Does.Contain($"{DiagramDot.StepId(i)} [label=\"{i.ToString(CultureInfo.InvariantCulture)}. {step.Name}\"]"), step.Name);
        // A label is laid out on its edge; an xlabel is placed after the layout, wherever there is room.
        Assert.That(Dot, Does.Not.Contain("xlabel"));
    }

    [Test]
    public void Dot_EachStepInTheFlow_RankedBetweenTheBucketItReadsAndTheOneItWrites()
    {
        var chain = InvisibleChain().Match(Dot).Groups["chain"].Value.Split(" -> ");
        Assert.That(Dot, Does.Contain($"{string.Join(" -> ", chain)} [style=invis, minlen=2"), "one rank between two buckets of the flow, for the steps");
        var between = new Dictionary<string, (string From, string To)>
        {
            ["mnist-explode"] = ("source", "format_a"),
            ["mnist-train"] = ("format_a", "model"),
            ["mnist-evaluate"] = ("model", "report"),
            ["mnist-report"] = ("model", "report"),
            ["mnist-score"] = ("model", "report"),
        };
        var edges = Edges();
        foreach (var (name, (from, to)) in between)
        {
            var id = DiagramDot.StepId(PipelineSteps.All.Select(s => s.Name).ToList().IndexOf(name) + 1);
            Assert.That(Array.IndexOf(chain, to), Is.EqualTo(Array.IndexOf(chain, from) + 1), $"{name}: {from} and {to} are neighbours in the flow");
            // Its read of the one and its write of the other rank it (minlen 1 each, within the chain's 2); its other
            // edges leave the ranks alone.
            Assert.That(edges.Where(e => (e.From == id || e.To == id) && e.Ranks).Select(e => $"{e.From} -> {e.To}"),
                Is.EquivalentTo(new[] { $"{from} -> {id}", $"{id} -> {to}" }), name);
            Assert.That(Diagram.GapOf(Diagram.Steps.Single(s => s.Name == name)), Is.EqualTo(new FlowGap(Node(from), Node(to))), name);
        }
    }

    [Test]
    public void Dot_Canary_BesideTheFirstStepWithItsBucketsInItsBoxNotAsEdges()
    {
        var canary = DiagramDot.StepId(1);
        Assert.That(PipelineSteps.All[0], Is.SameAs(PipelineSteps.Canary));
        Assert.That(Diagram.GapOf(Diagram.Steps[0]), Is.Null, "it writes S3|2, S3|4 and S3|3");
        Assert.That(Edges().Where(e => e.From == canary || e.To == canary), Is.Empty);
        Assert.That(Dot, Does.Contain($"{canary} [label=\"1. mnist-canary\\nacross the flow:\\nreads S3|1, S3|2\\nwrites S3|2, S3|4, S3|3\", style=\"rounded,filled,dashed\"]"));
        Assert.That(Dot, Does.Contain($"{{rank=same; {canary}; {DiagramDot.StepId(2)}}}"), "in the column of explode, the first step in the flow");
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
    public void Dot_PlanWithoutTheBuckets_NoStepIsAcrossTheFlowNorRanked()
    {
        var plan = PlanWithEveryPart();
        var changes = plan["resource_changes"]!.AsArray();
        foreach (var bucket in changes.Where(r => (string?)r!["type"] == "aws_s3_bucket").ToArray())
            changes.Remove(bucket);
        var diagram = ReviewReport.Of(TerraformPlan.Parse(plan.ToJsonString(), "no buckets"), new ReviewSettings { Subject = "no buckets" }).Pipeline;
        var dot = DiagramDot.Render(diagram);

        Assert.That(diagram.Steps, Has.Count.EqualTo(PipelineSteps.All.Count));
        Assert.That(dot, Does.Not.Contain("across the flow").And.Not.Contain("rank=same; step_").And.Not.Contain("label=\"reads\""));
        Assert.That(dot, Does.Contain($"{DiagramDot.StepId(1)} [label=\"1. mnist-canary\"]"));
    }

    [Test]
    public void Dot_AroundTheRun_BesideTheClusterTiedToItsBox()
    {
        Assert.That(Diagram.Monitoring, Is.EqualTo(new[] { PipelineNodes.Notifications, PipelineNodes.Dashboard, PipelineNodes.Notebooks }));
        // From the top of the last column, evaluate (4. of evaluate, report, score): dot pulls the step they leave from
        // next to the box, above the others.
        Assert.That(DiagramDot.TopOfLastColumn(Diagram).Name, Is.EqualTo("mnist-evaluate"));
        var top = DiagramDot.StepId(PipelineSteps.All.Select(s => s.Name).ToList().IndexOf("mnist-evaluate") + 1);
        Assert.That(Dot, Does.Contain($"{top} -> notifications [ltail=cluster_emr, label=\"events\"").And.Contain($"{top} -> dashboard [ltail=cluster_emr, label=\"metrics\""));
        // The Studio attaches to the cluster: drawn from the cluster's side too, its arrow turned, so that it ranks the
        // box after the cluster rather than looping back before it.
        Assert.That(Dot, Does.Contain($"{top} -> notebooks [ltail=cluster_emr, dir=back, label=\"attaches\""));
        Assert.That(Dot, Does.Contain("report -> notifications [style=invis, weight=0]"), "ranked right of the flow's last bucket");
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
        var inFlow = PipelineSteps.All.Where(s => s != PipelineSteps.Canary).ToArray();
        Assert.That(Regex.Matches(mermaid, @"-->\|reads\|").Count, Is.EqualTo(inFlow.Sum(s => s.Reads.Count)).And.EqualTo(8));
        Assert.That(Regex.Matches(mermaid, @"-->\|writes\|").Count, Is.EqualTo(inFlow.Sum(s => s.Writes.Count)).And.EqualTo(5));
        Assert.That(mermaid, Does.Contain("step_1[\"1. mnist-canary: across the flow, reads S3#124;1, S3#124;2; writes S3#124;2, S3#124;4, S3#124;3\"]"));
        Assert.That(mermaid, Does.Contain("subgraph emr").And.Contain("source[(\"S3#124;1 SOURCE_MNIST_DATA\")]"));
    }

    [Test]
    public void Draw_RealVizJs_PlacesTheFourS3NodesLeftToRightAndDrawsEveryStep()
    {
        var renderer = RequireNodeAndVizJs();
        var drawing = renderer.Draw(Dot, CancellationToken.None);
        Assert.That(drawing.Svg, Is.Not.Null, drawing.NotDrawnReason);

        var nodes = Centres(drawing.Svg!).ToDictionary(n => n.Key, n => n.Value.X);
        var steps = Enumerable.Range(1, PipelineSteps.All.Count).Select(DiagramDot.StepId).ToArray();
        Assert.That(nodes.Keys, Is.SupersetOf(FlowIds.Concat(steps).Append(DiagramDot.LoaderId)));
        var x = FlowIds.Select(id => nodes[id]).ToArray();
        Assert.That(x, Is.Ordered.Ascending, string.Join(", ", FlowIds.Zip(x, (id, v) => $"{id} at x={v:0}")));
        Assert.That(x.Distinct().Count(), Is.EqualTo(4), "four columns, not one stacked above another");
        Assert.That(nodes[DiagramDot.LoaderId], Is.LessThan(x[0]), "the loader feeds S3|1 from its left");
        // Each step in the flow between the bucket it reads and the one it writes; the canary beside explode.
        foreach (var (step, id) in Diagram.Steps.Zip(steps))
        {
            var (from, to) = Diagram.GapOf(step) is { } gap ? (gap.From.Name, gap.To.Name) : ("source", "format_a");
            Assert.That(nodes[id], Is.GreaterThan(nodes[from]).And.LessThan(nodes[to]), $"{step.Name} at x={nodes[id]:0}, {from} at {nodes[from]:0}, {to} at {nodes[to]:0}");
        }
        foreach (var part in Diagram.Monitoring)
            Assert.That(nodes[part.Name], Is.GreaterThan(nodes["report"]), $"{part.Name}: right of the cluster and of S3|3");
        Assert.That(drawing.Svg, Does.StartWith("<svg").And.Not.Contain("<script"));
    }

    [Test]
    public void Draw_RealVizJs_StepsSharingAColumnReadInStepOrderTopDown()
    {
        var renderer = RequireNodeAndVizJs();
        var drawing = renderer.Draw(Dot, CancellationToken.None);
        Assert.That(drawing.Svg, Is.Not.Null, drawing.NotDrawnReason);

        var nodes = Centres(drawing.Svg!);
        // The steps in the flow by the gap they stand in: evaluate, report and score (4, 5, 6) share the last one. dot
        // puts the step the edges to the parts around the run leave from at the top of its column: drawn from score,
        // the last step, the column read 6, 5, 4.
        var columns = Diagram.Steps.Select((step, i) => (Gap: Diagram.GapOf(step), Id: DiagramDot.StepId(i + 1)))
            .Where(s => s.Gap is not null).GroupBy(s => s.Gap).Select(c => c.Select(s => s.Id).ToArray()).ToArray();
        Assert.That(columns.Select(c => c.Length), Is.EqualTo(new[] { 1, 1, 3 }), "explode; train; evaluate, report and score");
        foreach (var column in columns)
        {
            // SVG's y grows downwards: top-down is ascending y. One column: one x.
            var y = column.Select(id => nodes[id].Y).ToArray();
            Assert.That(y, Is.Ordered.Ascending, string.Join(", ", column.Zip(y, (id, v) => $"{id} at y={v:0}")));
            Assert.That(column.Select(id => Math.Round(nodes[id].X)).Distinct().Count(), Is.EqualTo(1), string.Join(", ", column));
        }

        // The canary (1) across the flow stands in explode's (2) column, above it: the first column reads 1, 2.
        var (canary, explode) = (nodes[DiagramDot.StepId(1)], nodes[DiagramDot.StepId(2)]);
        Assert.That(Math.Round(canary.X), Is.EqualTo(Math.Round(explode.X)), "one column");
        Assert.That(canary.Y, Is.LessThan(explode.Y), $"canary at y={canary.Y:0}, explode at y={explode.Y:0}");
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

    // Graphviz's SVG: one <g class="node"> per node, its <title> the DOT id; a node's centre is the mean of its label
    // lines' text anchors, in SVG coordinates (y downwards).
    private static Dictionary<string, (double X, double Y)> Centres(string drawing)
    {
        XNamespace svg = "http://www.w3.org/2000/svg";
        double Mean(XElement g, string axis) => g.Descendants(svg + "text").Select(t => double.Parse((string)t.Attribute(axis)!, CultureInfo.InvariantCulture)).Average();
        return XDocument.Parse(drawing).Descendants(svg + "g").Where(g => (string?)g.Attribute("class") == "node")
            .ToDictionary(g => g.Element(svg + "title")!.Value, g => (Mean(g, "x"), Mean(g, "y")));
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
            .Append(Resource("aws_cloudwatch_event_rule", "notifications_rule", new JsonObject { ["name"] = "run" }))
            .Append(Resource("aws_cloudwatch_dashboard", "dashboard_dashboard", new JsonObject { ["dashboard_name"] = "run" }))
            .Append(Resource("aws_emr_studio", "notebooks_studio", new JsonObject { ["name"] = "studio" }))
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

    [GeneratedRegex(@"\n  (?<from>\w+) -> (?<to>\w+) \[label=""(?<label>reads|writes)""(?<rest>[^\]]*)\]")]
    private static partial Regex StepEdge();

    private sealed record Edge(string From, string To, string Label, bool Ranks);

    // The DOT's step edges: which step reads or writes which bucket, and whether the edge ranks its nodes.
    private static Edge[] Edges() => StepEdge().Matches(Dot)
        .Select(m => new Edge(m.Groups["from"].Value, m.Groups["to"].Value, m.Groups["label"].Value, !m.Groups["rest"].Value.Contains("constraint=false", StringComparison.Ordinal)))
        .ToArray();

    private static PipelineNode Node(string name) => PipelineNodes.All.Single(n => n.Name == name);
}
