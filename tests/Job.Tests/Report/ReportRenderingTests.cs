using System.Text;
using MnistEmr.Job.Evaluate;
using MnistEmr.Job.Report;
using MnistEmr.Job.Shared.Digits;
using MnistEmr.Job.Shared.Model;
using MnistEmr.Job.Shared.Runs;
using MnistEmr.Job.Train;
using MnistEmr.Job.Train.Sweep;

namespace MnistEmr.Job.Tests.Report;

[TestFixture]
public class ReportRenderingTests
{
    private static EvaluationReport Report()
    {
        var confusion = new ConfusionMatrix();
        for (var d = 0; d < 10; d++) confusion.Add(d, d);
        confusion.Add(4, 9);
        var png = PngCodec.EncodeGray(new byte[784], 28, 28);
        var card = new ModelCard("r1", DateTimeOffset.UnixEpoch, "trainer", new TrainerSettings(), "features", 10,
            new TrainingDataSummary("train/", 5, 4, 1, new int[10], "hash"), [], 1.5, 0.99, "runs/r1/model.zip", "sha", new Dictionary<string, string>());
        return new EvaluationReport("r1", DateTimeOffset.UnixEpoch, "models/runs/r1/model.zip", "format-a/test/",
            new ReportCounts(12, 11, 1, 10, 1, new Dictionary<RejectionReason, int> { [RejectionReason.BadLabel] = 1 }),
            ClassificationMetrics.From(confusion, 0.1),
            new ReportTimings(0.1, 0.2, 0.3, 55),
            [new Rejection("test/a/<b>.txt", RejectionReason.BadLabel, "label is not one digit")],
            [],
            [new MisclassifiedDigit("test/a/x.png", 4, 9, 0.8, png)],
            card);
    }

    [Test]
    public void Html_Report_IsSelfContainedWithPlotsAndEmbeddedDigits()
    {
        var html = ReportHtml.Render(Report());

        Assert.That(html, Does.Contain("<svg"));
        Assert.That(html, Does.Contain("Confusion matrix"));
        Assert.That(html, Does.Contain("data:image/png;base64,"));
        Assert.That(html, Does.Contain("test/a/&lt;b&gt;.txt"), "keys are escaped");
        Assert.That(html, Does.Not.Contain("src=\"http"));
    }

    [Test]
    public void Markdown_Report_HasHeadlineCountsAndRejections()
    {
        var md = ReportMarkdown.Render(Report());

        Assert.That(md, Does.Contain("**Accuracy 90.91 %**"));
        Assert.That(md, Does.Contain("Inputs 12 = used 11 + rejected 1"));
        Assert.That(md, Does.Contain("| `test/a/<b>.txt` | BadLabel |"));
    }

    [Test]
    public void SweepChart_ThirtyTwoCrowdedCandidates_NoTwoLabelsOverlapAndTheKeptIsLabelled()
    {
        // 32 candidates as a sweep gives them: training times and log-losses bunched together.
        // 32 candidates as a sweep spreads them over the padded axes: a few far apart, most crowded together.
        var points = Enumerable.Range(0, 32)
            .Select(i => (X: 36.0 + (i * 53 % 289), Y: 23.0 + (i * 29 % 93) + (i % 3 * 20), Text: i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        var order = Enumerable.Range(0, 32).Reverse().ToList();

        var sides = ChartLabels.Place(points, order, 360, 232);

        var boxes = sides.Select((side, i) => side is { } s ? ChartLabels.Box(points[i], s) : (LabelBox?)null).Where(b => b is not null).Select(b => b!.Value).ToList();
        Assert.That(sides[31], Is.Not.Null, "the first in order (the kept candidate) always has its label");
        Assert.That(boxes, Has.Count.GreaterThan(16), "most labels still placed");
        for (var a = 0; a < boxes.Count; a++)
        {
            for (var b = a + 1; b < boxes.Count; b++)
            {
                Assert.That(boxes[a].Overlaps(boxes[b]), Is.False, $"{boxes[a]} and {boxes[b]}");
            }

            Assert.That(points.Count(p => boxes[a].Overlaps(new LabelBox(p.X - 5, p.Y - 5, p.X + 5, p.Y + 5))), Is.Zero, "covers no marker");
            Assert.That(boxes[a].Left >= 0 && boxes[a].Right <= 360 && boxes[a].Top >= 0 && boxes[a].Bottom <= 232, Is.True, "inside the plot");
        }
    }

    [Test]
    public void Reports_OfASweptModel_ShowTheSweepTableAndChart_OthersDoNot()
    {
        var settings = new TrainerSettings(FeatureFraction: 0.25);
        CandidateResult C(int index, double loss) =>
            new(index, settings with { Leaves = 15 + index }, 90, 10, loss, 0.9 + (index / 100.0), 2 + index, 0.99, 1, $"runs/r1/candidates/{index}/model.zip", 1000, "sha");
        var sweep = SweepSummary.Of(7, [C(0, 0.30), C(1, 0.20), C(2, 0.25)]);
        var plain = Report();
        var swept = plain with { ModelCard = plain.ModelCard with { Sweep = sweep } };

        var md = ReportMarkdown.Render(swept);
        var html = ReportHtml.Render(swept);

        Assert.That(sweep.Kept, Is.EqualTo(1));
        Assert.That(md, Does.Contain("## Hyperparameter sweep").And.Contain("candidate 1 kept, validation log-loss 0.2000 against the base configuration's 0.3000"));
        Assert.That(md, Does.Contain("| **1** | **1** | **0.1** | **16** | **200** | **10** | **0.25** | **0.2000** | **91.00 %** | **3.0** | **1** | **kept** |"), "the kept row first, in bold");
        Assert.That(md.Split('\n').Count(l => l.EndsWith(" |  |", StringComparison.Ordinal)), Is.EqualTo(2), "the two not kept");
        Assert.That(md.Split('\n').Where(l => l.EndsWith(" |  |", StringComparison.Ordinal)).Select(l => l.Split(" | ")[1]), Is.EqualTo(new[] { "2", "0" }), "ranked by validation log-loss");
        Assert.That(html, Does.Contain("<h2>Hyperparameter sweep</h2>").And.Contain("Sweep: validation log-loss against training time"));
        Assert.That(html, Does.Contain("<tr class=\"kept\"><td>1</td><td>1</td>").And.Contain("tr.kept td{"));
        // Three inline charts in one page: every clip-path id unique, every reference to one of them.
        var ids = System.Text.RegularExpressions.Regex.Matches(html, "<clipPath id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        var used = System.Text.RegularExpressions.Regex.Matches(html, "url\\(#([^)]+)\\)").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.That(ids, Is.Unique.And.Not.Empty);
        Assert.That(ids, Has.Some.StartWith("sweep-").And.Some.StartWith("confusion-"));
        Assert.That(used, Is.SubsetOf(ids));
        Assert.That(ReportMarkdown.Render(plain), Does.Not.Contain("sweep"));
        Assert.That(ReportHtml.Render(plain), Does.Not.Contain("Hyperparameter sweep"));
        Assert.That(Encoding.UTF8.GetString(JobJson.Serialize(plain.ModelCard)), Does.Not.Contain("sweep"), "a card without a sweep is as before");
    }

    [Test]
    public void Json_Report_OmitsImagesAndNamesReasons()
    {
        var json = Encoding.UTF8.GetString(JobJson.Serialize(Report()));

        Assert.That(json, Does.Contain("\"reason\": \"badLabel\""));
        Assert.That(json, Does.Not.Contain("\"png\""));
        Assert.That(json, Does.Contain("\"macroF1\""));
    }
}
