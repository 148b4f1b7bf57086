namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// Where the repository is, for resources that use its files when Terraform runs: Terraform runs in the
/// synthesized stack's folder, so such paths are written relative to it, never as this machine's absolute paths.
/// </summary>
/// <param name="Root">The repository's absolute path, where synthesis reads files.</param>
/// <param name="StackDirectory">The absolute path of the folder the stack is synthesized into.</param>
public sealed record RepositoryLayout(string Root, string StackDirectory)
{
    /// <summary>The repository root as Terraform sees it from the stack folder, with '/' separators.</summary>
    public string RootFromStack => ToTerraformPath(Path.GetRelativePath(StackDirectory, Root));

    /// <summary>A file of the repository as Terraform sees it from the stack folder.</summary>
    public string FromStack(string absolutePath) => ToTerraformPath(Path.GetRelativePath(StackDirectory, absolutePath));

    /// <summary>An absolute path of a file given relative to the repository root (or already absolute).</summary>
    public string Resolve(string path) => Path.GetFullPath(path, Root);

    private static string ToTerraformPath(string path) => path.Replace('\\', '/');
}
