namespace MnistEmr.Common.Cli;

/// <summary>
/// Progress of one piece of work; disposing it marks the work finished. Counted either by increments
/// (<see cref="Add"/>) or, as a stream copy reports, by the cumulative amount (<see cref="IProgress{T}.Report"/>).
/// </summary>
public interface IProgressCounter : IProgress<long>, IDisposable
{
    /// <summary>Counts <paramref name="amount"/> more done; safe to call from several threads.</summary>
    void Add(long amount);
}
