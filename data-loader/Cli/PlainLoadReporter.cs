using System.Diagnostics;

namespace DataLoader.Cli;

/// <summary>
/// Plain log lines for non-terminals such as Terraform's local-exec output: a line per step and, for long transfers,
/// at most one progress line per interval.
/// </summary>
public sealed class PlainLoadReporter(TextWriter error, TimeSpan interval) : ILoadReporter
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
    public ITransferProgress StartTransfer(string description, long totalBytes)
    {
        Info($"{description} ({ByteSize.Format(totalBytes)})");
        return new Transfer(this, description, totalBytes, interval);
    }

    private sealed class Transfer(PlainLoadReporter owner, string description, long totalBytes, TimeSpan interval) : ITransferProgress
    {
        private readonly Stopwatch sinceLastLine = Stopwatch.StartNew();

        public void Report(long value)
        {
            if (sinceLastLine.Elapsed < interval || value >= totalBytes)
            {
                return;
            }

            sinceLastLine.Restart();
            var percent = totalBytes > 0 ? value * 100 / totalBytes : 100;
            owner.Info($"  {description}: {percent}% ({ByteSize.Format(value)} of {ByteSize.Format(totalBytes)})");
        }

        public void Dispose()
        {
        }
    }
}
