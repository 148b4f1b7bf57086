using System.Reflection;

namespace MnistEmr.Tests.Shared;

/// <summary>
/// One folder per test run of an assembly, <c>.work/test-runs/&lt;assembly&gt;-&lt;id&gt;</c>, for all that its tests
/// synthesize, publish, plan and write; deleted after the run's last test (<see cref="TestRunCleanup"/>). Inside the
/// repository, as <c>cdktf.out</c> is, so a synthesized stack's relative paths look like a real synth's. Runs once left
/// their stacks, review outputs and published jobs behind, about 130 MB a run for the job's.
/// </summary>
public static class TestRunFolder
{
    private static readonly Lazy<string> Root = new(() =>
        Repository.PathOf(".work", "test-runs", $"{Assembly.GetExecutingAssembly().GetName().Name}-{Guid.NewGuid():n}"));

    /// <summary>A path inside the run's folder (not created).</summary>
    public static string Sub(string name) => Path.Combine(Root.Value, name);

    /// <summary>A new, empty folder of its own inside the run's folder, its name starting with <paramref name="purpose"/>.</summary>
    public static string NewFolder(string purpose) => Directory.CreateDirectory(Sub($"{purpose}-{Guid.NewGuid():n}")).FullName;

    /// <summary>Deletes the folder, if the run made it.</summary>
    public static void Delete()
    {
        if (Root.IsValueCreated && Directory.Exists(Root.Value))
        {
            Directory.Delete(Root.Value, recursive: true);
        }
    }
}
