namespace MnistEmr.Job.Train.Sweep;

/// <summary>
/// How a local sweep shares the machine: candidates trained at once and LightGBM threads each, bounded by the cores
/// and by memory, so a sweep never asks for more than one training would on each core.
/// </summary>
/// <param name="Parallel">Candidates trained at once.</param>
/// <param name="Threads">LightGBM threads of each.</param>
internal sealed record SweepParallelism(int Parallel, int Threads)
{
    /// <summary>
    /// What one candidate's fit holds beyond the digits every candidate shares: LightGBM's binned dataset and ML.NET's
    /// row buffers, about 6 KiB a digit at 1,176 features, plus a fixed 64 MiB for the runtime's share. An estimate
    /// from the train step's measured line (11.8 KiB a digit in all, PNGs and shared features included: see the
    /// stack's <c>ClusterPlan.TrainProcessMib</c>).
    /// </summary>
    public static long CandidateBytes(int digits) => (64L * 1024 * 1024) + (6L * 1024 * Math.Max(digits, 0));

    /// <summary>
    /// The parallelism for <paramref name="candidates"/> candidates of <paramref name="digits"/> digits on
    /// <paramref name="cores"/> cores with <paramref name="availableBytes"/> of memory to spare (half of what the
    /// runtime reports is available: the shared digits and features take the rest).
    /// </summary>
    public static SweepParallelism For(int candidates, int digits, int cores, long availableBytes)
    {
        var byMemory = (int)Math.Clamp(availableBytes / 2 / CandidateBytes(digits), 1, int.MaxValue);
        var parallel = Math.Max(1, Math.Min(Math.Min(candidates, Math.Max(1, cores)), byMemory));
        return new SweepParallelism(parallel, Math.Max(1, cores / parallel));
    }
}
