using System.Diagnostics;
using MnistJob.Stages;

namespace MnistJob.Cli;

/// <summary>
/// Plain log lines for non-terminals such as EMR step logs: a line per step, and for long steps at most one
/// progress line per interval.
/// </summary>
public sealed class PlainJobLog(TextWriter error, TimeSpan interval) : IJobLog
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
    public IProgressCounter Counter(string description, long total) => new LineCounter(this, description, total, interval);

    private sealed class LineCounter(PlainJobLog owner, string description, long total, TimeSpan interval) : IProgressCounter
    {
        private readonly Stopwatch sinceLastLine = Stopwatch.StartNew();
        private long done;

        public void Add(long items)
        {
            var now = Interlocked.Add(ref done, items);
            if (sinceLastLine.Elapsed < interval || now >= total)
            {
                return;
            }

            lock (sinceLastLine)
            {
                if (sinceLastLine.Elapsed >= interval)
                {
                    sinceLastLine.Restart();
                    owner.Info($"  {description}: {now} of {total}");
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
