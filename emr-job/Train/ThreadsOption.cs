namespace MnistEmr.Job.Train;

/// <summary>
/// <c>--threads</c>: the LightGBM threads of one training. Not given, the trainer takes every core the process sees
/// (<see cref="MnistTrainer.Threads"/>), which inside a YARN container is every vCPU of the node, not the container's
/// share: the steps pass the share they planned.
/// </summary>
internal static class ThreadsOption
{
    /// <summary>The most threads accepted: far beyond any EMR instance's vCPUs.</summary>
    public const int Max = 1024;

    /// <summary>Creates the option; its value is null when it is not given.</summary>
    public static Option<int?> Create(string description) => new Option<int?>(RowProtocol.ThreadsOption)
    {
        Description = $"{description} 1 to {Max}. [default: all cores]",
        HelpName = "count",
    }.Check(n => n is null or (>= 1 and <= Max) ? null : $"{RowProtocol.ThreadsOption} must be from 1 to {Max}, not {n}");
}
