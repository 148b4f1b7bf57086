namespace MnistEmr.Tests.Shared;

/// <summary>The repository the tests run in, found by walking up to cdktf.json.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "cdktf.json")))
                return dir.FullName;
        }
        throw new InvalidOperationException("no cdktf.json above the test directory");
    });

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path below the repository root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
