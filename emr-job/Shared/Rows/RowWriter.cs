namespace MnistEmr.Job.Shared.Rows;

/// <summary>Writes Hive text rows of a known schema, flushing each one so Spark reads it at once.</summary>
/// <param name="output">Where the rows go (stdout).</param>
/// <param name="schema">The columns Spark reads back, in order.</param>
internal sealed class RowWriter(TextWriter output, IReadOnlyList<RowColumn> schema)
{
    /// <summary>Rows written so far.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>
    /// Writes one row from its fields by column name, in the schema's order, and flushes. Every column must be given
    /// exactly once (null for NULL); free text is escaped here.
    /// </summary>
    public async Task WriteAsync(params (string Column, string? Value)[] fields)
    {
        if (fields.Length != schema.Count || fields.Select(f => f.Column).Distinct().Count() != fields.Length)
        {
            throw new ArgumentException(
                $"a row needs each of ({string.Join(", ", schema.Select(c => c.Name))}) once; got ({string.Join(", ", fields.Select(f => f.Column))})",
                nameof(fields));
        }

        var ordered = schema.Select(c => fields.FirstOrDefault(f => f.Column == c.Name) is { Column: not null } field
            ? field.Value
            : throw new ArgumentException($"column {c.Name} is missing from the row", nameof(fields)));
        await output.WriteAsync(HiveTextRows.Format(ordered) + "\n");
        await output.FlushAsync();
        RowsWritten++;
    }
}
