namespace MnistEmr.Review.Core;

/// <summary>S3 requests a step makes, in expectation.</summary>
/// <param name="Gets">GET requests (one per object read).</param>
/// <param name="Puts">PUT requests (one per object written).</param>
/// <param name="ListPages">LIST requests (one per folder and 1,000 entries).</param>
internal sealed record S3RequestCounts(double Gets, double Puts, double ListPages)
{
    /// <summary>No requests worth counting.</summary>
    public static S3RequestCounts None { get; } = new(0, 0, 0);

    /// <summary>The sum of two counts.</summary>
    public static S3RequestCounts operator +(S3RequestCounts a, S3RequestCounts b) =>
        new(a.Gets + b.Gets, a.Puts + b.Puts, a.ListPages + b.ListPages);
}
