namespace MnistEmr.Review.Core;

/// <summary>The pipeline diagram as the layout engine drew it, or why it was not drawn.</summary>
/// <param name="Svg">The SVG document (from its <c>&lt;svg</c> element on), or null when it was not drawn.</param>
/// <param name="NotDrawnReason">Why there is no SVG (no node, the npm package not installed, a layout error), or null when drawn.</param>
internal sealed record DiagramDrawing(string? Svg, string? NotDrawnReason)
{
    /// <summary>A drawing.</summary>
    public static DiagramDrawing Drawn(string svg) => new(svg, null);

    /// <summary>No drawing, and why.</summary>
    public static DiagramDrawing NotDrawn(string reason) => new(null, reason);

    /// <summary>The one-line warning the review gives when the SVG was not drawn.</summary>
    public string? Warning => NotDrawnReason is { } reason
        ? $"the architecture SVG was not drawn ({reason}); review.md still has the diagram as Mermaid and review.json as DOT"
        : null;
}
