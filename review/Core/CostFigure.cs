namespace MnistEmr.Review.Core;

/// <summary>
/// A sum of money the price table may know only in part: the sum of the parts it knows, and what it lacks. Every
/// part is a charge, never negative, so the known sum is a lower bound of the whole ("at least"); with nothing
/// missing it is the whole.
/// </summary>
/// <param name="Known">The known parts' sum; null when no part is known.</param>
/// <param name="Missing">
/// What the sum lacks, each a phrase that reads after "unknown:", e.g. "the EMR fee of m5.xlarge in us-west-2";
/// empty when the sum is whole (or when it is unknown for no price's lack, such as an idle time without end).
/// </param>
internal sealed record CostFigure(decimal? Known, IReadOnlyList<string> Missing)
{
    /// <summary>A sum known whole.</summary>
    public static CostFigure Exactly(decimal amount) => new(amount, []);

    /// <summary>A sum of which nothing is known, for the reasons given (none: unknown for no missing price).</summary>
    public static CostFigure Unknown(params string[] missing) => new(null, missing);

    /// <summary>The whole sum, or null when a part of it is unknown.</summary>
    public decimal? Amount => Missing.Count == 0 ? Known : null;

    /// <summary>Whether some parts are known and others are not: the known sum is then a lower bound.</summary>
    public bool IsPartial => Known is not null && Missing.Count > 0;

    /// <summary>Two charges together: the known parts added, the missing ones of both.</summary>
    public static CostFigure operator +(CostFigure left, CostFigure right)
        => new(left.Known is null && right.Known is null ? null : (left.Known ?? 0m) + (right.Known ?? 0m), left.Missing.Union(right.Missing).ToArray());

    /// <summary>The charge for <paramref name="hours"/> of this hourly price; nothing known when the hours are not (<paramref name="unknownHours"/> says why).</summary>
    public CostFigure Times(decimal? hours, string unknownHours) =>
        hours is { } h ? new(Known * h, Missing) : new(null, Missing.Append(unknownHours).ToArray());
}
