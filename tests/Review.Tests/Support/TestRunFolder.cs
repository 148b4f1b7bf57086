namespace MnistEmr.Review.Tests.Support;

/// <summary>
/// One folder under <c>.work/review-tests</c> for all that a test run synthesizes, plans and writes, deleted after
/// the run's last test (<see cref="MnistEmr.Review.Tests.TestRunCleanup"/>). Each run used to leave its stacks and
/// review outputs behind.
/// </summary>
public static class TestRunFolder
{
    private static readonly Lazy<string> Root = new(() => Repository.PathOf(".work", "review-tests", "run-" + Guid.NewGuid().ToString("n")));

    /// <summary>A path inside the run's folder (not created).</summary>
    public static string Sub(string name) => Path.Combine(Root.Value, name);

    /// <summary>Deletes the folder, if the run made it.</summary>
    public static void Delete()
    {
        if (Root.IsValueCreated && Directory.Exists(Root.Value))
        {
            Directory.Delete(Root.Value, recursive: true);
        }
    }
}
