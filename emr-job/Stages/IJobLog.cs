namespace MnistJob.Stages;

/// <summary>Where stages report what they do: log lines and progress counters (bars on a terminal, lines otherwise).</summary>
public interface IJobLog
{
    /// <summary>Logs one line.</summary>
    void Info(string message);

    /// <summary>Starts a counter of <paramref name="total"/> items.</summary>
    IProgressCounter Counter(string description, long total);
}
