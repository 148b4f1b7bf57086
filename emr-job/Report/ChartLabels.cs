namespace MnistEmr.Job.Report;

/// <summary>Where a point's label goes, beside its marker.</summary>
internal enum LabelSide
{
    /// <summary>Centred above the marker.</summary>
    Above,

    /// <summary>Centred below the marker.</summary>
    Below,

    /// <summary>To the right of the marker.</summary>
    Right,

    /// <summary>To the left of the marker.</summary>
    Left,
}

/// <summary>A label's box in plot pixels (y down).</summary>
/// <param name="Left">Left edge.</param>
/// <param name="Top">Top edge.</param>
/// <param name="Right">Right edge.</param>
/// <param name="Bottom">Bottom edge.</param>
internal readonly record struct LabelBox(double Left, double Top, double Right, double Bottom)
{
    /// <summary>Whether the two boxes share any area.</summary>
    public bool Overlaps(LabelBox other) => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;
}

/// <summary>
/// Places the labels of a scatter chart's points so that no two overlap and none covers another point's marker: in
/// the order given (the most important first), each label takes the first side that is free and inside the plot, or
/// is left out (the table beside the chart lists every point). With 32 sweep candidates a label above every point
/// stacked numbers on top of each other where the points crowd.
/// </summary>
internal static class ChartLabels
{
    /// <summary>Pixels between a marker's centre and its label.</summary>
    public const double Gap = 6;

    /// <summary>Half the side of the square a marker is taken to cover.</summary>
    public const double Marker = 5;

    /// <summary>Label height in pixels, and width per character (the charts' 12 px sans-serif digits, with room).</summary>
    public const double Height = 13, CharWidth = 7.5;

    /// <summary>
    /// The side of each of <paramref name="points"/> (in plot pixels, y down, within <paramref name="width"/> x
    /// <paramref name="height"/>) its label goes on, or null when it is left out; labels are placed in the order of
    /// <paramref name="order"/> (indices into the points), clear of <paramref name="obstacles"/> (the legend).
    /// </summary>
    public static IReadOnlyList<LabelSide?> Place(
        IReadOnlyList<(double X, double Y, string Text)> points, IReadOnlyList<int> order, double width, double height, IEnumerable<LabelBox>? obstacles = null)
    {
        var taken = points.Select(p => new LabelBox(p.X - Marker, p.Y - Marker, p.X + Marker, p.Y + Marker)).Concat(obstacles ?? []).ToList();
        var sides = new LabelSide?[points.Count];
        foreach (var i in order)
        {
            foreach (var side in Enum.GetValues<LabelSide>())
            {
                var box = Box(points[i], side);
                var inside = box.Left >= 0 && box.Top >= 0 && box.Right <= width && box.Bottom <= height;
                // A point's own marker does not count: the label sits beside it.
                if (inside && !taken.Where((_, k) => k != i).Any(t => t.Overlaps(box)))
                {
                    sides[i] = side;
                    taken.Add(box);
                    break;
                }
            }
        }

        return sides;
    }

    /// <summary>The box of <paramref name="point"/>'s label on <paramref name="side"/>.</summary>
    public static LabelBox Box((double X, double Y, string Text) point, LabelSide side)
    {
        var w = (point.Text.Length * CharWidth) + 2;
        return side switch
        {
            LabelSide.Above => new LabelBox(point.X - (w / 2), point.Y - Gap - Height, point.X + (w / 2), point.Y - Gap),
            LabelSide.Below => new LabelBox(point.X - (w / 2), point.Y + Gap, point.X + (w / 2), point.Y + Gap + Height),
            LabelSide.Right => new LabelBox(point.X + Gap, point.Y - (Height / 2), point.X + Gap + w, point.Y + (Height / 2)),
            _ => new LabelBox(point.X - Gap - w, point.Y - (Height / 2), point.X - Gap, point.Y + (Height / 2)),
        };
    }
}
