using MnistEmr.Common.Cli;
using MnistJob.Core;

namespace MnistJob.Rows;

/// <summary>Reads Hive text rows of a known width from a stream until its end.</summary>
public sealed class RowReader(TextReader input, string stage, int columns)
{
    /// <summary>Rows read so far.</summary>
    public long RowsRead { get; private set; }

    /// <summary>
    /// The rows, in input order. A row with another number of fields is an integrity failure (exit 4) naming the
    /// row, so Spark fails the task and its stderr says why.
    /// </summary>
    public async IAsyncEnumerable<string?[]> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            RowsRead++;
            var row = HiveTextRows.Parse(line);
            if (row.Length != columns)
            {
                throw ToolException.Integrity(
                    $"rows {stage}: row {RowsRead} has {row.Length} tab-separated field(s), expected {columns}: '{HiveTextRows.Escape(line.Length > 80 ? line[..80] + "..." : line)}'");
            }

            yield return row;
        }
    }
}
