using System.Text.RegularExpressions;

namespace MnistEmr.Review.Io;

/// <summary>
/// A scratch copy of a synthesized stack folder, where the review runs Terraform: init writes <c>.terraform/</c> and a
/// lock file, and the offline plan needs an override file, none of which may land in the folder reviewed (an
/// override left there by an interrupted review would make the next plan, or a deploy from that folder, use
/// placeholder credentials and a throwaway state). Disposing removes the copy but keeps its <c>.terraform/</c>,
/// so the next review's init does not install the provider again.
/// </summary>
internal sealed partial class StackWorkspace : IDisposable
{
    private const string TerraformDataFolder = ".terraform";
    private readonly string _stackDirectory;

    private StackWorkspace(string stackDirectory, string directory)
    {
        _stackDirectory = stackDirectory;
        Directory = directory;
    }

    /// <summary>The copy, where Terraform runs.</summary>
    public string Directory { get; }

    /// <summary>Copies a stack folder (all but its <c>.terraform/</c>) into <paramref name="directory"/>, replacing an earlier copy.</summary>
    /// <param name="stackDirectory">The synthesized stack folder; only read.</param>
    /// <param name="directory">The scratch folder for the copy.</param>
    public static StackWorkspace Create(string stackDirectory, string directory)
    {
        var workspace = new StackWorkspace(Path.GetFullPath(stackDirectory), Path.GetFullPath(directory));
        workspace.Clear();
        System.IO.Directory.CreateDirectory(workspace.Directory);
        foreach (var file in System.IO.Directory.EnumerateFiles(workspace._stackDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(workspace._stackDirectory, file);
            if (IsTerraformData(relative))
                continue;
            var target = Path.Combine(workspace.Directory, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
        return workspace;
    }

    /// <summary>
    /// The stack's local backend with its path made absolute, or null when the stack has no local backend with a
    /// relative path. The synthesized path is relative to the stack folder (the state lives at the repository root);
    /// from the copy it would name another file, and a plan against the account must read the stack's real state.
    /// The other relative paths of the stack (the job package, the loader's folder) are only read when applying.
    /// </summary>
    public JsonObject? RelocatedBackend()
    {
        var path = LocalStatePath();
        return path is null || Path.IsPathRooted(path)
            ? null
            : new JsonObject
            {
                ["terraform"] = new JsonObject
                {
                    ["backend"] = new JsonObject { ["local"] = new JsonObject { ["path"] = Path.GetFullPath(path, _stackDirectory) } },
                },
            };
    }

    /// <summary>Removes the copy, keeping Terraform's provider installation for the next review.</summary>
    public void Dispose() => Clear();

    private string? LocalStatePath()
    {
        var json = Path.Combine(_stackDirectory, "cdk.tf.json");
        if (File.Exists(json))
            return JsonNode.Parse(File.ReadAllText(json))?["terraform"]?["backend"]?["local"]?["path"]?.GetValue<string>();
        var hcl = Path.Combine(_stackDirectory, "cdk.tf");
        return File.Exists(hcl) && HclLocalBackendPath().Match(File.ReadAllText(hcl)) is { Success: true } match ? match.Groups[1].Value : null;
    }

    private void Clear()
    {
        if (!System.IO.Directory.Exists(Directory))
            return;
        foreach (var entry in new DirectoryInfo(Directory).EnumerateFileSystemInfos())
        {
            if (entry.Name == TerraformDataFolder)
                continue;
            if (entry is DirectoryInfo folder)
                folder.Delete(recursive: true);
            else
                entry.Delete();
        }
    }

    private static bool IsTerraformData(string relativePath) =>
        relativePath == TerraformDataFolder || relativePath.StartsWith(TerraformDataFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    [GeneratedRegex(@"backend\s+""local""\s*\{[^}]*?\bpath\s*=\s*""([^""]*)""", RegexOptions.Singleline)]
    private static partial Regex HclLocalBackendPath();
}
