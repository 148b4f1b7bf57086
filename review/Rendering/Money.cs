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
}
