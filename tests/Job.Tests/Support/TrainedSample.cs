namespace MnistEmr.Job.Tests.Support;

/// <summary>
/// One quick run-local on <see cref="RealSample"/> (run id <c>trained</c>) shared by the tests that need a model, so the
/// sample is trained once per test run.
/// </summary>
public static class TrainedSample
{
    private static readonly Lazy<Task<string>> Work = new(TrainAsync);
    private static readonly Lazy<Task<string>> TrainRows = new(PairTrainRowsAsync);

    /// <summary>The run id of the model.</summary>
    public const string RunId = "trained";

    /// <summary>The run-local work folder: format-a/, models/, reports/.</summary>
    public static Task<string> FolderAsync() => Work.Value;

    /// <summary>The run's FORMAT A folder.</summary>
    public static async Task<string> FormatAAsync() => Path.Combine(await FolderAsync(), "format-a");

    /// <summary>
    /// The pair rows of the train split of <see cref="FormatAAsync"/>, one a line, as the fetch tasks feed <c>rows train</c>
    /// on its standard input (<see cref="SparkSimulator.PairRowsAsync"/>).
    /// </summary>
    public static Task<string> TrainPairRowsAsync() => TrainRows.Value;

    private static async Task<string> TrainAsync()
    {
        var work = TestRunFolder.Sub("trained");
        var run = await CliRun.RunAsync($"run-local --source {RealSample.Source} --work {work} --shards 2 --iterations 20 --run-id {RunId}");
        return run.ExitCode == 0 ? work : throw new InvalidOperationException($"run-local for the trained sample failed: {run}");
    }

    private static async Task<string> PairTrainRowsAsync()
    {
        var formatA = await FormatAAsync();
        var rows = await SparkSimulator.PairRowsAsync(new FolderObjectStore(new FolderStoreLocation(formatA)), formatA + "/", "train");
        return string.Concat(rows.Select(r => r + "\n"));
    }
}
