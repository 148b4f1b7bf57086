namespace MnistEmr.Tests.Shared;

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("mnist-emr-tests-").FullName;
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every file under <paramref name="folder"/>, relative, sorted; empty when the folder does not exist.</summary>
    public static IReadOnlyList<string> ListFiles(string folder) => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToList()
        : [];

    /// <summary>Copies every file under <paramref name="from"/> to the same place under <paramref name="to"/>, making the
    /// folders it needs; returns <paramref name="to"/>.</summary>
    public static string CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return to;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a server still shutting down may hold a file for a moment.
        }
    }
}
