namespace MnistEmr.Common.Cli;

/// <summary>Where a tool reports what it does: log lines and progress counters (bars on a terminal, lines otherwise), all on stderr.</summary>
public interface IToolLog
{
    /// <summary>Logs one line.</summary>
    void Info(string message);

    /// <summary>Starts a counter of <paramref name="total"/> items (or bytes); dispose it when the work is finished.</summary>
    IProgressCounter Counter(string description, long total, ProgressUnit unit = ProgressUnit.Items);
}
