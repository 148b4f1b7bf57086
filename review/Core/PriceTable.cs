using System.Text.Json.Serialization;

namespace MnistEmr.Review.Core;

/// <summary>
/// On-demand prices of one region, kept in the repository as data (<c>review/prices/&lt;region&gt;.json</c>) with
/// their date and sources. An instance type missing here, or whose EMR price is null, is priced "unknown", never
/// guessed.
/// </summary>
internal sealed record PriceTable
{
    /// <summary>The region the prices are for.</summary>
    public required string Region { get; init; }

    /// <summary>Currency, e.g. USD.</summary>
    public required string Currency { get; init; }

    /// <summary>When the prices were recorded.</summary>
    public required string AsOf { get; init; }

    /// <summary>Where they come from, in words.</summary>
    public required string Source { get; init; }

    /// <summary>The addresses of the sources (the listing each figure was read from).</summary>
    public IReadOnlyList<string> SourceUrls { get; init; } = [];

    /// <summary>What the table lacks and why, for a reader of the file; null when complete.</summary>
    public string? Notes { get; init; }

    /// <summary>Per instance type: EC2 on-demand (Linux) and EMR price per instance-hour.</summary>
    public required IReadOnlyDictionary<string, InstancePrice> Instances { get; init; }

    /// <summary>S3 Standard storage per GB-month; null when no sourced figure is at hand.</summary>
    public decimal? S3StandardPerGbMonth { get; init; }

    /// <summary>
    /// S3 Standard PUT, COPY, POST and LIST requests per 1,000 (S3 bills LIST at the PUT tier); null when no sourced
    /// figure is at hand.
    /// </summary>
    public decimal? S3PutPer1000 { get; init; }

    /// <summary>S3 Standard GET (and HEAD) requests per 1,000; null when no sourced figure is at hand.</summary>
    public decimal? S3GetPer1000 { get; init; }

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses a price table.</summary>
    public static PriceTable Parse(string json) =>
        JsonSerializer.Deserialize<PriceTable>(json, Json) ?? throw new JsonException("empty price table");
}
