using System.Net;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace MnistEmr.Job.Report;

/// <summary>
/// Renders an <see cref="EvaluationReport"/> as one self-contained HTML page: charts drawn by OxyPlot as inline SVG,
/// misclassified digits embedded as PNG data URIs, no external resources.
/// </summary>
internal static partial class ReportHtml
{
    /// <summary>The most misclassified digits shown in the gallery.</summary>
    public const int GalleryLimit = 120;

    private static readonly string[] DigitNames = Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Renders the page.</summary>
    public static string Render(EvaluationReport report)
    {
        var m = report.Metrics;
        var c = report.Counts;
        var s = new StringBuilder();
        s.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        s.AppendLine(Inv($"<title>MNIST model performance: {E(report.RunId)}</title>"));
        s.AppendLine("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}"
            + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}.grid{display:flex;flex-wrap:wrap;gap:8px}"
            + ".grid figure{margin:0;text-align:center;font-size:12px}.grid img{width:56px;height:56px;image-rendering:pixelated;border:1px solid #999}"
            + ".charts{display:flex;flex-wrap:wrap;gap:16px}.charts figure{margin:0;max-width:520px}figcaption{font-size:13px;color:#444}"
            + "table.card th{text-align:left;background:#f4f4f4;font-weight:normal}table.card td.t{text-align:left}details{margin-top:1em}.warn{color:#a00}tr.kept td{background:#ffe3b3;font-weight:bold}</style></head><body>");
        s.AppendLine(Inv($"<h1>MNIST model performance: run {E(report.RunId)}</h1>"));
        s.AppendLine(Inv($"<p><strong>Accuracy {m.Accuracy:P2}</strong>, macro F1 {m.MacroF1:F4}, macro precision {m.MacroPrecision:F4}, macro recall {m.MacroRecall:F4}, log-loss {m.LogLoss:F4}.</p>"));
        s.AppendLine("<ul>");
        s.AppendLine(Inv($"<li>Model: <code>{E(report.ModelUri)}</code> ({E(report.ModelCard.Trainer)}, {E(report.ModelCard.Featurizer)})</li>"));
        s.AppendLine(Inv($"<li>Test data: <code>{E(report.TestDataUri)}</code></li>"));
        s.AppendLine(Inv($"<li>Inputs {c.Inputs} = used {c.Used} + rejected {c.Rejected}; correct {c.Correct}, misclassified {c.Misclassified}</li>"));
        s.AppendLine(Inv($"<li>Inference {report.Timings.InferenceSeconds:F2} s ({report.Timings.InferenceDigitsPerSecond:F0} digits/s); training {report.ModelCard.TrainingData.Used} digits in {report.ModelCard.TrainingSeconds:F1} s</li>"));
        foreach (var warning in report.Warnings)
        {
            s.AppendLine(Inv($"<li class=\"warn\">Warning: {E(warning)}</li>"));
        }

        s.AppendLine("</ul><div class=\"charts\">");
        s.AppendLine("<figure>" + Svg(ConfusionHeatMap(m.Confusion), 520, 500, "confusion")
            + "<figcaption>Blue: correct digits, darker for more. Red: mistakes, on their own scale (the darkest is the most frequent confusion), so a single mistake stands out.</figcaption></figure>");
        s.AppendLine(Svg(PerClassScores(m.PerClass), 440, 500, "per-class"));
        s.AppendLine("</div>");

        if (report.ModelCard.Sweep is { } sweep)
        {
            s.AppendLine("<h2>Hyperparameter sweep</h2>");
            s.AppendLine("<p>" + E(SweepTable.Sentence(sweep)) + "</p><div class=\"charts\"><table><tr>"
                + string.Concat(SweepTable.Headings.Select(h => $"<th>{E(h)}</th>")) + "</tr>");
            foreach (var row in SweepTable.Rows(sweep))
            {
                s.AppendLine((row.Kept ? "<tr class=\"kept\">" : "<tr>") + string.Concat(row.Cells.Select(cell => $"<td>{E(cell)}</td>")) + "</tr>");
            }

            s.AppendLine("</table>");
            s.AppendLine("<figure>" + Svg(SweepChart(sweep), SweepWidth, SweepHeight, "sweep")
                + "<figcaption>Orange diamond: the kept candidate. Points are numbered by candidate where the number covers nothing else; the table lists every one.</figcaption></figure>");
            s.AppendLine("</div>");
        }

        s.AppendLine("<h2>Per class</h2><table><tr><th>digit</th><th>support</th><th>predicted</th><th>precision</th><th>recall</th><th>F1</th></tr>");
        foreach (var k in m.PerClass)
        {
            s.AppendLine(Inv($"<tr><td>{k.Label}</td><td>{k.Support}</td><td>{k.Predicted}</td><td>{k.Precision:F4}</td><td>{k.Recall:F4}</td><td>{k.F1:F4}</td></tr>"));
        }

        s.AppendLine("</table>");
        s.AppendLine(Inv($"<h2>Misclassified digits ({c.Misclassified}{(c.Misclassified > GalleryLimit ? Inv($", the {GalleryLimit} most confident shown") : string.Empty)})</h2><div class=\"grid\">"));
        foreach (var d in report.Misclassified.Take(GalleryLimit))
        {
            s.AppendLine(Inv($"<figure title=\"{E(d.Key)}\"><img alt=\"digit {d.Label}\" src=\"data:image/png;base64,{Convert.ToBase64String(d.Png)}\"><figcaption>{d.Label} &rarr; {d.Predicted} ({d.Confidence:P0})</figcaption></figure>"));
        }

        s.AppendLine("</div>");
        s.AppendLine(Inv($"<h2>Rejected inputs ({c.Rejected})</h2>"));
        if (c.Rejected > 0)
        {
            s.AppendLine("<p>" + string.Join(", ", c.RejectedByReason.Select(p => Inv($"{p.Key}: {p.Value}"))) + "</p>");
            s.AppendLine("<table><tr><th>key</th><th>reason</th><th>detail</th></tr>");
            foreach (var r in report.Rejections.Take(ReportMarkdown.RejectionsListed))
            {
                s.AppendLine(Inv($"<tr><td style=\"text-align:left\"><code>{E(r.Key)}</code></td><td>{r.Reason}</td><td style=\"text-align:left\">{E(r.Detail)}</td></tr>"));
            }

            s.AppendLine("</table>");
        }
        else
        {
            s.AppendLine("<p>None.</p>");
        }

        s.AppendLine("<h2>Model card</h2>");
        s.Append(ModelCardTable(report.ModelCard));
        // The table is for reading; the JSON, as written beside the model in S3|4, stays one click away for copying.
        s.AppendLine("<details><summary>model-card.json</summary><pre>" + E(Encoding.UTF8.GetString(JobJson.Serialize(report.ModelCard))) + "</pre></details>");
        s.AppendLine("</body></html>");
        return s.ToString();
    }

    // The model card as a reader wants it: one labelled row per fact, the hyperparameters and libraries as name/value
    // rows, and the training label counts under their digits (the JSON's bare list of ten numbers names none).
    private static string ModelCardTable(ModelCard card)
    {
        var t = card.TrainingData;
        var h = card.Hyperparameters;
        var rows = new List<(string Name, string Value)>
        {
            ("run", card.RunId),
            ("created (UTC)", card.CreatedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            ("trainer", card.Trainer),
            ("featurizer", Inv($"{card.Featurizer} ({card.FeatureCount} features)")),
            ("hyperparameters", Inv($"iterations {h.Iterations}, leaves {h.Leaves}, learning rate {h.LearningRate}, min examples per leaf {h.MinExamplesPerLeaf}, feature fraction {h.FeatureFraction}, subsample fraction {h.SubsampleFraction}, max bins {h.MaxBins}, seed {h.Seed}")),
            ("training data", t.Uri),
            ("training inputs", Inv($"{t.Inputs} = used {t.Used} + rejected {t.Rejected}")),
            ("training data hash", t.DataHash),
            ("training time", Inv($"{card.TrainingSeconds:F1} s") + (card.TrainingThreads is { } threads ? Inv($" on {threads} thread(s)") : string.Empty)),
            ("training accuracy", Inv($"{card.TrainingAccuracy:P2} (on the training digits: a sanity check, not an evaluation)")),
            ("model key", card.ModelKey),
            ("model SHA-256", card.ModelSha256),
        };
        rows.AddRange(t.Warnings.Select(w => ("training warning", w)));
        rows.AddRange(card.Libraries.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        var s = new StringBuilder("<table class=\"card\">");
        foreach (var (name, value) in rows)
        {
            s.AppendLine($"<tr><th>{E(name)}</th><td class=\"t\">{E(value)}</td></tr>");
        }

        s.AppendLine("</table>");
        s.AppendLine(Inv($"<h3>Training digits per label ({t.Used} used, {card.Rejections.Count} rejected)</h3>"));
        s.AppendLine("<table class=\"card\"><tr><th>digit</th>" + string.Concat(t.LabelCounts.Select((_, d) => Inv($"<th>{d}</th>"))) + "</tr>");
        s.AppendLine("<tr><th>digits</th>" + string.Concat(t.LabelCounts.Select(n => Inv($"<td>{n}</td>"))) + "</tr></table>");
        return s.ToString();
    }

    // OxyPlot's SVG export measures text about a fifth smaller than a browser draws it, so titles and legend rows laid
    // out edge to edge overlap on the page; these gaps make room for the difference.
    private const double TitleGap = 10, LegendRowGap = 5;

    // Each cell is drawn by hand rather than as one heat map: on one colour scale the diagonal's hundreds made every
    // mistake (a handful each) near-white. Correct cells are blue on the diagonal's scale, mistakes red on their own
    // scale (the largest off-diagonal count is the darkest), and an empty cell stays white.
    private static PlotModel ConfusionHeatMap(int[][] confusion)
    {
        var model = new PlotModel { Title = "Confusion matrix", Subtitle = "rows: true label, columns: predicted" };
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Top, Title = "predicted", ItemsSource = DigitNames, GapWidth = 0, Minimum = -0.5, Maximum = 9.5, AxisTitleDistance = TitleGap, IsZoomEnabled = false, IsPanEnabled = false });
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, Title = "true", ItemsSource = DigitNames, GapWidth = 0, StartPosition = 1, EndPosition = 0, Minimum = -0.5, Maximum = 9.5, AxisTitleDistance = TitleGap, IsZoomEnabled = false, IsPanEnabled = false });
        for (var actual = 0; actual < 10; actual++)
        {
            for (var predicted = 0; predicted < 10; predicted++)
            {
                var fill = ConfusionCellColor(confusion, actual, predicted);
                model.Annotations.Add(new OxyPlot.Annotations.RectangleAnnotation
                {
                    MinimumX = predicted - 0.5,
                    MaximumX = predicted + 0.5,
                    MinimumY = actual - 0.5,
                    MaximumY = actual + 0.5,
                    Fill = fill,
                    Stroke = OxyColor.FromRgb(0xdd, 0xdd, 0xdd),
                    StrokeThickness = 0.5,
                    Text = confusion[actual][predicted].ToString(CultureInfo.InvariantCulture),
                    // Zeros in grey: the eye goes to the cells that hold digits.
                    TextColor = confusion[actual][predicted] == 0 ? OxyColors.DarkGray
                        : 0.299 * fill.R + 0.587 * fill.G + 0.114 * fill.B < 140 ? OxyColors.White : OxyColors.Black,
                    FontSize = 11,
                    Layer = OxyPlot.Annotations.AnnotationLayer.BelowSeries,
                });
            }
        }

        return model;
    }

    /// <summary>Colour of one confusion-matrix cell: white when empty, blue for correct digits on the diagonal's scale,
    /// red for mistakes on the off-diagonal cells' own scale.</summary>
    internal static OxyColor ConfusionCellColor(int[][] confusion, int actual, int predicted)
    {
        var count = confusion[actual][predicted];
        if (count == 0)
        {
            return OxyColors.White;
        }

        var cells = Enumerable.Range(0, confusion.Length).SelectMany(a => Enumerable.Range(0, confusion[a].Length).Select(p => (a, p)));
        var max = cells.Where(c => (c.a == c.p) == (actual == predicted)).Max(c => confusion[c.a][c.p]);
        // Even a cell of one starts well away from white, so a single mistake is visible at a glance.
        var t = (double)count / max;
        return actual == predicted
            ? Lerp(OxyColor.FromRgb(0xc6, 0xdb, 0xef), OxyColor.FromRgb(0x08, 0x30, 0x6b), t)
            : Lerp(OxyColor.FromRgb(0xfc, 0xae, 0x91), OxyColor.FromRgb(0xa5, 0x0f, 0x15), t);
    }

    private static OxyColor Lerp(OxyColor from, OxyColor to, double t) => OxyColor.FromRgb(
        (byte)Math.Round(from.R + ((to.R - from.R) * t)),
        (byte)Math.Round(from.G + ((to.G - from.G) * t)),
        (byte)Math.Round(from.B + ((to.B - from.B) * t)));

    // The sweep chart's size.
    private const int SweepWidth = 440, SweepHeight = 320;

    // Time against quality: each candidate's training seconds and validation log-loss, the kept one apart, numbered
    // where a number fits (ChartLabels: the kept candidate first, then by rank; the table lists every one).
    private static PlotModel SweepChart(SweepSummary sweep)
    {
        // The key is the figure's caption, not a legend: inside the plot a legend covered the points of a crowded corner.
        var model = new PlotModel { Title = "Sweep: validation log-loss against training time" };
        var (xMin, xMax) = Padded(sweep.Candidates.Select(c => c.TrainingSeconds));
        var (yMin, yMax) = Padded(sweep.Candidates.Select(c => c.ValidationLogLoss));
        var xAxis = new LinearAxis { Position = AxisPosition.Bottom, Title = "training s", Minimum = xMin, Maximum = xMax };
        var yAxis = new LinearAxis { Position = AxisPosition.Left, Title = "validation log-loss", Minimum = yMin, Maximum = yMax, AxisTitleDistance = 10 };
        model.Axes.Add(xAxis);
        model.Axes.Add(yAxis);
        var others = new ScatterSeries { MarkerType = MarkerType.Circle, MarkerFill = OxyColors.SteelBlue, MarkerSize = 5 };
        var kept = new ScatterSeries { MarkerType = MarkerType.Diamond, MarkerFill = OxyColors.DarkOrange, MarkerSize = 8 };
        foreach (var c in sweep.Candidates)
        {
            (c.Index == sweep.Kept ? kept : others).Points.Add(new ScatterPoint(c.TrainingSeconds, c.ValidationLogLoss));
        }

        model.Series.Add(others);
        model.Series.Add(kept);
        // Laid out once without labels, so every point's pixel in the plot area is OxyPlot's own; labels do not move it.
        _ = SvgExporter.ExportToString(model, SweepWidth, SweepHeight, false);
        var area = model.PlotArea;
        var points = sweep.Candidates.Select(c => (
            X: xAxis.Transform(c.TrainingSeconds) - area.Left,
            Y: yAxis.Transform(c.ValidationLogLoss) - area.Top,
            Text: c.Index.ToString(CultureInfo.InvariantCulture))).ToList();
        var ranked = SweepChoice.Ranked(sweep.Candidates).Select(c => sweep.Candidates.ToList().FindIndex(x => x.Index == c.Index)).ToList();
        var sides = ChartLabels.Place(points, ranked, area.Width, area.Height);
        for (var i = 0; i < sweep.Candidates.Count; i++)
        {
            if (sides[i] is not { } side)
            {
                continue;
            }

            var c = sweep.Candidates[i];
            model.Annotations.Add(new OxyPlot.Annotations.TextAnnotation
            {
                Text = points[i].Text,
                TextPosition = new DataPoint(c.TrainingSeconds, c.ValidationLogLoss),
                TextHorizontalAlignment = side switch { LabelSide.Right => HorizontalAlignment.Left, LabelSide.Left => HorizontalAlignment.Right, _ => HorizontalAlignment.Center },
                TextVerticalAlignment = side switch { LabelSide.Above => VerticalAlignment.Bottom, LabelSide.Below => VerticalAlignment.Top, _ => VerticalAlignment.Middle },
                Offset = side switch
                {
                    LabelSide.Above => new ScreenVector(0, -ChartLabels.Gap),
                    LabelSide.Below => new ScreenVector(0, ChartLabels.Gap),
                    LabelSide.Right => new ScreenVector(ChartLabels.Gap, 0),
                    _ => new ScreenVector(-ChartLabels.Gap, 0),
                },
                StrokeThickness = 0,
                Font = "sans-serif",
                FontSize = 11,
            });
        }

        return model;
    }

    // A tenth of the range on each side, as OxyPlot's padding gives, and some range around a single value.
    private static (double Min, double Max) Padded(IEnumerable<double> values)
    {
        var list = values.ToList();
        var (min, max) = (list.Min(), list.Max());
        var pad = max > min ? (max - min) * 0.1 : Math.Max(Math.Abs(min) * 0.1, 0.01);
        return (min - pad, max + pad);
    }

    private static PlotModel PerClassScores(IReadOnlyList<ClassMetrics> perClass)
    {
        var model = new PlotModel { Title = "Per-class F1, precision and recall" };
        model.Legends.Add(new OxyPlot.Legends.Legend { LegendPosition = OxyPlot.Legends.LegendPosition.BottomRight, LegendLineSpacing = LegendRowGap });
        var low = Math.Min(0.9, Math.Floor(perClass.Min(k => Math.Min(k.F1, Math.Min(k.Precision, k.Recall))) * 20) / 20);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Minimum = -0.5, Maximum = 9.5, MajorStep = 1, MinorStep = 1, Title = "digit" });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Minimum = low, Maximum = 1.01, Title = "score" });
        foreach (var (title, color, marker, value) in new (string, OxyColor, MarkerType, Func<ClassMetrics, double>)[]
        {
            ("F1", OxyColors.SteelBlue, MarkerType.Circle, k => k.F1),
            ("precision", OxyColors.SeaGreen, MarkerType.Triangle, k => k.Precision),
            ("recall", OxyColors.DarkOrange, MarkerType.Square, k => k.Recall),
        })
        {
            var series = new LineSeries { Title = title, Color = color, MarkerType = marker, MarkerFill = color, MarkerSize = 4 };
            series.Points.AddRange(perClass.Select(k => new DataPoint(k.Label, value(k))));
            model.Series.Add(series);
        }

        return model;
    }

    // OxyPlot numbers each SVG's clip paths from 1 (clipPath1, ...); inline in one page, every chart after the first
    // would clip to the first chart's rectangles, which hid points and labels. Each chart's ids get its own prefix.
    private static string Svg(PlotModel model, int width, int height, string name) =>
        ClipPathId().Replace(SvgExporter.ExportToString(model, width, height, false), match => $"{match.Groups[1].Value}{name}-{match.Groups[2].Value}");

    [System.Text.RegularExpressions.GeneratedRegex(@"(id=""|url\(#)(clipPath\d+)")]
    private static partial System.Text.RegularExpressions.Regex ClipPathId();

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
