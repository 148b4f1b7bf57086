namespace MnistEmr.Job.Shared.Rows;

/// <summary>
/// One row read against its schema (a <see cref="RowProtocol"/> column list): fields by column name, typed, and every
/// bad value an integrity error naming the row and the column, so no command indexes a row by position.
/// </summary>
/// <param name="Schema">The columns, in the order Spark sends them.</param>
/// <param name="Fields">The fields as read, <c>\N</c> already null.</param>
/// <param name="Number">The row's 1-based number in the input, for messages.</param>
internal readonly record struct InputRow(IReadOnlyList<RowColumn> Schema, string?[] Fields, long Number)
{
    /// <summary>The field as sent (null for <c>\N</c>).</summary>
    public string? Raw(string column) => Fields[IndexOf(column)];

    /// <summary>Whether the field is NULL.</summary>
    public bool IsNull(string column) => Raw(column) is null;

    /// <summary>A field that must be there, as sent.</summary>
    public string Required(string column) =>
        Raw(column) ?? throw ToolException.Integrity($"row {Number}: column {column} is NULL");

    /// <summary>Free text the job escaped when writing it (<see cref="HiveTextRows.Escape"/>), unescaped; NULL stays null.</summary>
    public string? Text(string column) => Raw(column) is { } text ? HiveTextRows.Unescape(text) : null;

    /// <summary>An integer field.</summary>
    public int Int(string column) => HiveTextRows.Int(Raw(column), column, Number);

    /// <summary>An optional integer field (NULL or empty is null).</summary>
    public int? OptionalInt(string column) => HiveTextRows.OptionalInt(Raw(column), column, Number);

    /// <summary>A 64-bit integer field (NULL or empty is 0).</summary>
    public long Long(string column) => HiveTextRows.Long(Raw(column), column, Number);

    /// <summary>A floating-point field (NULL or empty is 0).</summary>
    public double Double(string column) => HiveTextRows.Double(Raw(column), column, Number);

    /// <summary>A base64 field as bytes (NULL stays null).</summary>
    public byte[]? Base64(string column) => HiveTextRows.Base64(Raw(column), column, Number);

    /// <summary>A BOOLEAN field as Spark casts it to text: <c>true</c> or <c>false</c>.</summary>
    public bool Bool(string column) => Required(column) switch
    {
        "true" => true,
        "false" => false,
        var other => throw ToolException.Integrity($"row {Number}: column {column} is not true or false: '{HiveTextRows.Escape(other)}'"),
    };

    private int IndexOf(string column)
    {
        for (var i = 0; i < Schema.Count; i++)
        {
            if (Schema[i].Name == column)
            {
                return i;
            }
        }

        // A name that is not in the schema is a bug in this program, not bad input.
        throw new ArgumentException($"no column '{column}' in ({string.Join(", ", Schema.Select(c => c.Name))})", nameof(column));
    }
}
