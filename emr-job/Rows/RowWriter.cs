namespace MnistJob.Rows;

/// <summary>Writes Hive text rows, flushing each one so Spark reads it at once.</summary>
public sealed class RowWriter(TextWriter output)
{
    /// <summary>Rows written so far.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>Writes one row and flushes.</summary>
    public async Task WriteAsync(params string?[] fields)
    {
        await output.WriteAsync(HiveTextRows.Format(fields) + "\n");
        await output.FlushAsync();
        RowsWritten++;
    }
}
