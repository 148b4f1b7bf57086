namespace MnistJob.Stages;

/// <summary>A log that discards everything, for benchmarks and callers with their own output.</summary>
public sealed class SilentJobLog : IJobLog, IProgressCounter
{
    /// <summary>The shared instance.</summary>
    public static readonly SilentJobLog Instance = new();

    /// <inheritdoc />
    public void Info(string message)
    {
    }

    /// <inheritdoc />
    public IProgressCounter Counter(string description, long total) => this;

    /// <inheritdoc />
    public void Add(long items)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
