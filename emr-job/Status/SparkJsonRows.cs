namespace MnistEmr.Job.Status;

/// <summary>
/// The rows a step commits with <c>INSERT OVERWRITE DIRECTORY ... USING json</c>: one JSON object a line in
/// <c>part-*</c> files (Spark 3.5, sql-data-sources-json.html: "JSON Lines"; null fields are left out), beside
/// the committer's <c>_SUCCESS</c> and, on a local file system, <c>.crc</c> files.
/// </summary>
internal static class SparkJsonRows
{
    /// <summary>Whether <paramref name="key"/> is a data file of the output (not <c>_SUCCESS</c> nor a checksum).</summary>
    public static bool IsPart(string key) => key[(key.LastIndexOf('/') + 1)..].StartsWith("part-", StringComparison.Ordinal);

    /// <summary>The objects of a part file; a line that is not a JSON object is skipped (a status shows what it can).</summary>
    public static IReadOnlyList<JsonElement> Parse(ReadOnlySpan<byte> content)
    {
        var rows = new List<JsonElement>();
        foreach (var line in System.Text.Encoding.UTF8.GetString(content).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    rows.Add(document.RootElement.Clone());
                }
            }
            catch (JsonException)
            {
                // Not a row: skipped.
            }
        }

        return rows;
    }

    /// <summary>A string field, or null when it is absent or not a string.</summary>
    public static string? Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An integer field, or null when it is absent or not an integer.</summary>
    public static long? Integer(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    /// <summary>A boolean field, or null when it is absent or not a boolean.</summary>
    public static bool? Flag(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}
