namespace MnistJob.Stages;

/// <summary>Progress of one step; disposing it marks the step finished.</summary>
public interface IProgressCounter : IDisposable
{
    /// <summary>Counts <paramref name="items"/> more items done; safe to call from several threads.</summary>
    void Add(long items);
}
