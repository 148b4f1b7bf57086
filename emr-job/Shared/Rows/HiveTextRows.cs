namespace MnistEmr.Job.Shared.Rows;

/// <summary>
/// Rows in the text format Spark SQL script transformation uses in Hive SerDe mode: Hive's LazySimpleSerDe as
/// Spark configures it for TRANSFORM without a ROW FORMAT clause.
/// </summary>
/// <remarks>
/// Spark 3.5 (<c>SparkSqlAstBuilder.withScriptIOSchema</c>, the "default (serde) format") uses
/// <c>org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe</c> with <c>field.delim</c> = tab and
/// <c>serialization.last.column.takes.rest</c> = true for the script's input and output, and Hive's
/// <c>TextRecordWriter</c>/<c>TextRecordReader</c>, which end each row with '\n' and read a line per row. The
/// SerDe writes NULL as <c>serialization.null.format</c>, default <c>\N</c>, and reads a field of exactly
/// <c>\N</c> as NULL (documented in https://spark.apache.org/docs/3.5.1/sql-ref-syntax-qry-select-transform.html).
/// It escapes nothing unless the <c>escape.delim</c> property is set (LazySerDeParameters: "escaped" is
/// <c>escape.delim != null</c>; LazyUtils.writeEscaped copies bytes unchanged otherwise), and Spark does not set
/// it, so a tab, CR or LF inside a field would split it. Hence binary content and keys cross as base64, and the
/// free text this job writes (rejection details, keys) has tab, CR, LF and backslash written as <c>\t</c>,
/// <c>\r</c>, <c>\n</c>, <c>\\</c>: readable, one line, never the NULL marker.
/// </remarks>
internal static class HiveTextRows
{
    /// <summary>The NULL marker.</summary>
    public const string Null = "\\N";

    /// <summary>The field separator.</summary>
    public const char FieldSeparator = '\t';

    /// <summary>Splits one line into fields, <c>\N</c> becoming null.</summary>
    public static string?[] Parse(string line)
    {
        if (line.EndsWith('\r'))
        {
            line = line[..^1];
        }

        var fields = line.Split(FieldSeparator);
        var values = new string?[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            values[i] = fields[i] == Null ? null : fields[i];
        }

        return values;
    }

    /// <summary>Formats one row as a line (without the line end): fields joined by tabs, null as <c>\N</c>.</summary>
    public static string Format(IEnumerable<string?> fields) => string.Join(FieldSeparator, fields.Select(f => f is null ? Null : Escape(f)));

    /// <summary>Makes free text one field: tab, CR, LF and backslash as two-character escapes.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("\t\r\n\\") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\t' => "\\t",
                '\r' => "\\r",
                '\n' => "\\n",
                '\\' => "\\\\",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>Undoes <see cref="Escape"/>.</summary>
    public static string Unescape(string text)
    {
        if (!text.Contains('\\'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                builder.Append(text[i] switch { 't' => '\t', 'r' => '\r', 'n' => '\n', var other => other });
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Base64 field to bytes (null stays null), or an integrity error naming the row and column.</summary>
    public static byte[]? Base64(string? field, string column, long rowNumber)
    {
        if (field is null)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(field);
        }
        catch (FormatException)
        {
            throw ToolException.Integrity($"row {rowNumber}: column {column} is not base64: {Preview(field)}");
        }
    }

    /// <summary>An integer field, or an integrity error naming the row and column.</summary>
    public static int Int(string? field, string column, long rowNumber) =>
        int.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ToolException.Integrity($"row {rowNumber}: column {column} is not an integer: {Preview(field ?? Null)}");

    /// <summary>An optional integer field (NULL or empty is null).</summary>
    public static int? OptionalInt(string? field, string column, long rowNumber) =>
        string.IsNullOrEmpty(field) ? null : Int(field, column, rowNumber);

    /// <summary>A 64-bit integer field (NULL or empty is 0), or an integrity error.</summary>
    public static long Long(string? field, string column, long rowNumber) =>
        string.IsNullOrEmpty(field) ? 0
        : long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw ToolException.Integrity($"row {rowNumber}: column {column} is not an integer: {Preview(field)}");

    /// <summary>A floating-point field (NULL or empty is 0), or an integrity error.</summary>
    public static double Double(string? field, string column, long rowNumber) =>
        string.IsNullOrEmpty(field) ? 0
        : double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw ToolException.Integrity($"row {rowNumber}: column {column} is not a number: {Preview(field)}");

    /// <summary>A number as Spark's cast from STRING reads it back exactly (round-trip, invariant culture).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer as text.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Preview(string field) => field.Length <= 40 ? $"'{Escape(field)}'" : $"'{Escape(field[..40])}...' ({field.Length} characters)";
}
