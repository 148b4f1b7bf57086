using System.Text;
using MnistJob.Core;

namespace MnistJob.Tests.Core;

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
    public void Json_Report_OmitsImagesAndNamesReasons()
    {
        var json = Encoding.UTF8.GetString(JobJson.Serialize(Report()));

        Assert.That(json, Does.Contain("\"reason\": \"badLabel\""));
        Assert.That(json, Does.Not.Contain("\"png\""));
        Assert.That(json, Does.Contain("\"macroF1\""));
    }
}
