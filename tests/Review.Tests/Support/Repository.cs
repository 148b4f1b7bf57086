namespace MnistEmr.Review.Tests.Support;

/// <summary>The repository the tests run in, found by walking up to cdktf.json.</summary>
public static class Repository
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = Find();

    /// <summary>A path below the repository root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "cdktf.json")))
                return dir.FullName;
        throw new InvalidOperationException("no cdktf.json above the test directory");
    }
}
