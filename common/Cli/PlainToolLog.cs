using System.Diagnostics;

namespace MnistEmr.Common.Cli;

/// <summary>
/// Plain log lines for non-terminals such as EMR step logs and Terraform's local-exec output: a line per step, and
/// for long work at most one progress line per interval.
/// </summary>
internal sealed class PlainToolLog(TextWriter error, TimeSpan interval) : IToolLog
{
    private readonly Lock gate = new();

    /// <inheritdoc />
    public void Info(string message)
    {
        lock (gate)
        {
            error.WriteLine(message);
        }
    }

    /// <inheritdoc />
    public IProgressCounter Counter(string description, long total, ProgressUnit unit = ProgressUnit.Items)
    {
        if (unit == ProgressUnit.Bytes)
        {
            Info($"{description} ({ByteSize.Format(total)})");
        }

        return new LineCounter(this, description, total, unit, interval);
    }

    private sealed class LineCounter(PlainToolLog owner, string description, long total, ProgressUnit unit, TimeSpan interval) : IProgressCounter
    {
        private readonly Stopwatch sinceLastLine = Stopwatch.StartNew();
        private long done;

        public void Add(long amount) => Show(Interlocked.Add(ref done, amount));

        public void Report(long value)
        {
            Interlocked.Exchange(ref done, value);
            Show(value);
        }

        public void Dispose()
        {
        }

        private void Show(long now)
        {
            if (sinceLastLine.Elapsed < interval || now >= total)
            {
                return;
            }

            lock (sinceLastLine)
            {
                if (sinceLastLine.Elapsed >= interval)
                {
                    sinceLastLine.Restart();
                    owner.Info(unit == ProgressUnit.Bytes
                        ? $"  {description}: {(total > 0 ? now * 100 / total : 100)}% ({ByteSize.Format(now)} of {ByteSize.Format(total)})"
                        : $"  {description}: {now} of {total}");
                }
            }
        }
    }
}
