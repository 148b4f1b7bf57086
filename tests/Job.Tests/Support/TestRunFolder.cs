namespace MnistEmr.Job.Tests.Support;

/// <summary>
/// One <see cref="TempFolder"/> per test run for what the run's tests share (the published job, the sample's files,
/// the trained sample), deleted when the run ends (<see cref="MnistEmr.Job.Tests.TestRunCleanup"/>): they were once named
/// by process id and left behind, about 130 MB a run.
/// </summary>
public static class TestRunFolder
{
    private static readonly Lazy<TempFolder> Root = new(() => new TempFolder());

    /// <summary>A path inside the run's folder (not created).</summary>
    public static string Sub(string name) => Root.Value.Sub(name);

    /// <summary>Deletes the folder, if the run made it.</summary>
    public static void Delete()
    {
        if (Root.IsValueCreated)
            Root.Value.Dispose();
    }
}
