using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Review.Core;

/// <summary>
/// On-demand prices of one region, kept in the repository as data (<c>review/prices/&lt;region&gt;.json</c>) with
/// their date and source. An instance type missing here is priced "unknown", never guessed.
/// </summary>
public sealed record PriceTable
{
    /// <summary>The region the prices are for.</summary>
    public required string Region { get; init; }

    /// <summary>Currency, e.g. USD.</summary>
    public required string Currency { get; init; }

    /// <summary>When the prices were recorded.</summary>
    public required string AsOf { get; init; }

    /// <summary>Where they come from.</summary>
    public required string Source { get; init; }

    /// <summary>Per instance type: EC2 on-demand (Linux) and EMR price per instance-hour.</summary>
    public required IReadOnlyDictionary<string, InstancePrice> Instances { get; init; }

    /// <summary>S3 Standard storage per GB-month.</summary>
    public required decimal S3StandardPerGbMonth { get; init; }

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>Parses a price table.</summary>
    public static PriceTable Parse(string json) =>
        JsonSerializer.Deserialize<PriceTable>(json, Json) ?? throw new JsonException("empty price table");
}
