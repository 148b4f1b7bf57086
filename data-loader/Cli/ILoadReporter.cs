namespace DataLoader.Cli;

/// <summary>Where the loader reports what it is doing: log lines and byte progress of transfers, all on stderr.</summary>
public interface ILoadReporter
{
    /// <summary>Writes one log line.</summary>
    void Info(string message);

    /// <summary>Starts showing a transfer of <paramref name="totalBytes"/>; report cumulative bytes, dispose when finished.</summary>
    ITransferProgress StartTransfer(string description, long totalBytes);
}
