namespace DataLoader.Cli;

/// <summary>Progress of one transfer; values are cumulative bytes. Disposing ends the display.</summary>
public interface ITransferProgress : IProgress<long>, IDisposable
{
}
