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
    public void ConfusionCellColor_OneMistakeBesideHundredsCorrect_StandsOutFromAnEmptyCell()
    {
        var confusion = Enumerable.Range(0, 10).Select(a => Enumerable.Range(0, 10).Select(p => a == p ? 200 : 0).ToArray()).ToArray();
        confusion[4][9] = 1;

        var mistake = ReportHtml.ConfusionCellColor(confusion, 4, 9);
        var empty = ReportHtml.ConfusionCellColor(confusion, 4, 8);
        var correct = ReportHtml.ConfusionCellColor(confusion, 4, 4);

        Assert.That(empty, Is.EqualTo(OxyPlot.OxyColors.White));
        // On one scale with the diagonal's 200 a single mistake was within 1 % of white; now it is plainly coloured.
        Assert.That(255 - Math.Min(mistake.R, Math.Min(mistake.G, mistake.B)), Is.GreaterThan(80), "far from white");
        Assert.That(mistake.R, Is.GreaterThan(mistake.B), "mistakes are red, not the diagonal's blue");
        Assert.That(correct.B, Is.GreaterThan(correct.R));
    }

    [Test]
    public void Html_ChartText_TitlesAndLegendRowsDoNotOverlap()
    {
        var html = ReportHtml.Render(Report());

        // Text positions as OxyPlot wrote them; 12 px text needs 12 px between rows, with room for its own metrics.
        var predicted = TextY(html, "predicted", "hanging");
        var topLabel = TextY(html, "0", "baseline");
        Assert.That(predicted + 12, Is.LessThanOrEqualTo(topLabel - 12), "the \"predicted\" title clears the column labels");
        var f1 = TextY(html, "F1", "hanging");
        var precision = TextY(html, "precision", "hanging");
        var recall = TextY(html, "recall", "hanging");
        Assert.That(precision - f1, Is.GreaterThanOrEqualTo(13));
        Assert.That(recall - precision, Is.GreaterThanOrEqualTo(13));
    }

    [Test]
    public void Html_ModelCard_IsATableWithLabelledCountsAndTheJsonCollapsed()
    {
        var report = Report();
        report = report with { ModelCard = report.ModelCard with { TrainingData = report.ModelCard.TrainingData with { LabelCounts = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19] } } };

        var html = ReportHtml.Render(report);

        var card = html[html.IndexOf("<h2>Model card</h2>", StringComparison.Ordinal)..];
        Assert.That(card, Does.Not.StartWith("<h2>Model card</h2><pre>"), "not a raw JSON dump");
        Assert.That(card, Does.Contain("<tr><th>trainer</th><td class=\"t\">trainer</td></tr>"));
        Assert.That(card, Does.Contain("<tr><th>digit</th><th>0</th><th>1</th>"));
        Assert.That(card, Does.Contain("<tr><th>digits</th><td>10</td><td>11</td>"), "each count under its digit");
        Assert.That(card, Does.Contain("<details><summary>model-card.json</summary><pre>{"), "the JSON stays available");
    }

    // The y of the first SVG text element with this content and baseline.
    private static double TextY(string html, string text, string baseline)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html,
            $@"<text dominant-baseline=""{baseline}""[^>]*translate\([-0-9.]+,([-0-9.]+)\)[^>]*>{System.Text.RegularExpressions.Regex.Escape(text)}</text>");
        Assert.That(match.Success, Is.True, $"text {text} ({baseline})");
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
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
