namespace MnistEmr.Job.Shared.Rows;

/// <summary>Reads Hive text rows of a known schema from a stream until its end.</summary>
/// <param name="input">The rows, one a line.</param>
/// <param name="stage">The stage reading them, named in messages.</param>
/// <param name="schema">The columns each row must have.</param>
internal sealed class RowReader(TextReader input, string stage, IReadOnlyList<RowColumn> schema)
{
    /// <summary>Rows read so far.</summary>
    public long RowsRead { get; private set; }

    /// <summary>
    /// The rows, in input order. A row with another number of fields is an integrity failure (exit 4) naming the
    /// row, so Spark fails the task and its stderr says why.
    /// </summary>
    public async IAsyncEnumerable<InputRow> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            RowsRead++;
            var fields = HiveTextRows.Parse(line);
            if (fields.Length != schema.Count)
            {
                throw ToolException.Integrity(
                    $"rows {stage}: row {RowsRead} has {fields.Length} tab-separated field(s), expected {schema.Count}: '{HiveTextRows.Escape(line.Length > 80 ? line[..80] + "..." : line)}'");
            }

            yield return new InputRow(schema, fields, RowsRead);
        }
    }

    /// <summary>
    /// Every row <paramref name="read"/> turns into an item, in input order; a row it turns into null (a marker
    /// row) is left out. For the stages that need all their rows in one task.
    /// </summary>
    public async Task<List<T>> CollectAsync<T>(Func<InputRow, T?> read, CancellationToken cancellationToken)
        where T : class
    {
        var items = new List<T>();
        await foreach (var row in ReadAllAsync(cancellationToken))
        {
            if (read(row) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>
    /// The rows <paramref name="read"/> turns into items (null skips a row), handed to <paramref name="handle"/>
    /// <paramref name="size"/> at a time, the last batch possibly smaller; never an empty batch, so an empty partition
    /// costs the handler nothing (e.g. no model download).
    /// </summary>
    /// <param name="read">Turns a row into an item, or null to skip it.</param>
    /// <param name="size">Items per batch, at least 1.</param>
    /// <param name="handle">Handles one batch; the list is reused after it returns.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public async Task ForEachBatchAsync<T>(Func<InputRow, T?> read, int size, Func<IReadOnlyList<T>, Task> handle, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var pending = new List<T>(size);
        await foreach (var row in ReadAllAsync(cancellationToken))
        {
            if (read(row) is { } item)
            {
                pending.Add(item);
                if (pending.Count == size)
                {
                    await handle(pending);
                    pending.Clear();
                }
            }
        }

        if (pending.Count > 0)
        {
            await handle(pending);
        }
    }
}
