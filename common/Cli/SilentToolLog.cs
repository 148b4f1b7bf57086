namespace MnistEmr.Common.Cli;

/// <summary>A log that discards everything, for benchmarks and callers with their own output.</summary>
public sealed class SilentToolLog : IToolLog, IProgressCounter
{
    /// <summary>The shared instance.</summary>
    public static readonly SilentToolLog Instance = new();

    /// <inheritdoc />
    public void Info(string message)
    {
    }

    /// <inheritdoc />
    public IProgressCounter Counter(string description, long total, ProgressUnit unit = ProgressUnit.Items) => this;

    /// <inheritdoc />
    public void Add(long amount)
    {
    }

    /// <inheritdoc />
    public void Report(long value)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
