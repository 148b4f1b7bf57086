namespace MnistEmr.Review.Rendering;

/// <summary>Money as the review prints it: "unknown" when the price table has no figure.</summary>
internal static class Money
{
    /// <summary>e.g. <c>$0.48</c>, <c>$0.0014</c> for a fraction of a cent, <c>$0.00</c> for nothing, or <c>unknown</c>.</summary>
    public static string Format(decimal? amount, string? currency) => amount switch
    {
        null => "unknown",
        _ when currency is null or "USD" => "$" + amount.Value.ToString(amount is > 0m and < 0.01m ? "0.0000" : "0.00", CultureInfo.InvariantCulture),
        _ => $"{amount.Value.ToString("0.00", CultureInfo.InvariantCulture)} {currency}",
    };

    /// <summary>
    /// A sum known whole, in part or not at all: <c>$0.72/h</c>; <c>at least $0.58/h (EC2 only)</c> when parts of it
    /// are unknown (<paramref name="covers"/> says what the known part is, when given); <c>unknown</c>, without the unit.
    /// </summary>
    /// <param name="figure">The sum.</param>
    /// <param name="currency">The price table's currency.</param>
    /// <param name="unit">What follows a known amount, e.g. <c>/h</c>.</param>
    /// <param name="covers">What the known part of a partial sum covers, e.g. "EC2 only"; null to say nothing.</param>
    public static string Format(CostFigure figure, string? currency, string unit = "", string? covers = null) => figure switch
    {
        { Amount: { } amount } => Format(amount, currency) + unit,
        { IsPartial: true, Known: { } known } => $"at least {Format(known, currency)}{unit}{(covers is null ? "" : $" ({covers})")}",
        _ => "unknown",
    };
}
