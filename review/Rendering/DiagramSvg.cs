using System.Globalization;
using System.Net;
using System.Text;
using MnistJob.Steps;
using Pipeline.Review.Core;

namespace Pipeline.Review.Rendering;

/// <summary>
/// The architecture diagram as SVG: parts in columns by <see cref="ArchitectureDiagram.Layers"/>, arrows for "uses".
/// A few boxes in layers need no layout engine (none is available from this project's package feeds).
/// </summary>
public static class DiagramSvg
{
    private const int BoxWidth = 190, BoxHeight = 44, ColumnGap = 80, RowGap = 22, Margin = 20;

    /// <summary>Renders the diagram.</summary>
    public static string Render(ArchitectureDiagram diagram)
    {
        var layers = diagram.Layers();
        var position = new Dictionary<PipelineNode, (double X, double Y)>();
        for (var column = 0; column < layers.Count; column++)
            for (var row = 0; row < layers[column].Count; row++)
                position[layers[column][row]] = (Margin + column * (BoxWidth + ColumnGap), Margin + row * (BoxHeight + RowGap));

        var rows = layers.Count == 0 ? 0 : layers.Max(l => l.Count);
        var width = Margin * 2 + Math.Max(1, layers.Count) * (BoxWidth + ColumnGap) - ColumnGap;
        var height = Margin * 2 + Math.Max(1, rows) * (BoxHeight + RowGap) - RowGap;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"architecture\">");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var (from, to) in diagram.Edges)
        {
            var (x1, y1) = position[from];
            var (x2, y2) = position[to];
            // From the right side of the user to the left side of what it uses; a same-column edge bends outward.
            var (sx, sy, ex, ey) = x1 < x2
                ? (x1 + BoxWidth, y1 + BoxHeight / 2.0, x2, y2 + BoxHeight / 2.0)
                : (x1, y1 + BoxHeight / 2.0, x2 + BoxWidth, y2 + BoxHeight / 2.0);
            var bend = Math.Abs(x1 - x2) < 1 ? -60 : 0;
            svg.Append(CultureInfo.InvariantCulture,
                $"<path d=\"M{sx:0.#},{sy:0.#} C{sx + (ex - sx) / 2 + bend:0.#},{sy:0.#} {sx + (ex - sx) / 2 + bend:0.#},{ey:0.#} {ex:0.#},{ey:0.#}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.3\" marker-end=\"url(#arrow)\"><title>{Escape(from.Title)} uses {Escape(to.Title)}</title></path>");
        }
        foreach (var (part, (x, y)) in position)
        {
            var fill = part.Kind == NodeKind.DataBucket ? "#e3f0ff" : "#f3f3f3";
            svg.Append(CultureInfo.InvariantCulture,
                $"<g><rect x=\"{x}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"6\" fill=\"{fill}\" stroke=\"#336\"/>"
                + $"<text x=\"{x + BoxWidth / 2.0}\" y=\"{y + BoxHeight / 2.0 + 5}\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"13\">{Escape(part.Title)}</text></g>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
