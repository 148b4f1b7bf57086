using System.Formats.Tar;

namespace MnistEmr.Job.Tests.Support;

/// <summary>
/// The job as EMR gets it: scripts/publish-job.sh run once per test run into a temporary folder, the package
/// unpacked as the bootstrap action does, and the binary run as Spark's script transformation runs it.
/// </summary>
public static class PublishedJob
{
    private static readonly Lazy<(string Folder, string Package, string Sha256, string Output)> Published = new(Publish);

    /// <summary>The unpacked package (what /opt/mnist-emr-job holds on a node).</summary>
    public static string Folder => Published.Value.Folder;

    /// <summary>The .tar.gz the script wrote.</summary>
    public static string Package => Published.Value.Package;

    /// <summary>The SHA-256 the script printed.</summary>
    public static string Sha256 => Published.Value.Sha256;

    /// <summary>The executable.</summary>
    public static string Binary => Path.Combine(Folder, "mnist-emr-job");

    /// <summary>Runs the binary with <paramref name="args"/>, feeding <paramref name="stdin"/>, as Spark does.</summary>
    public static async Task<ProcessRun> RunAsync(IEnumerable<string> args, string stdin, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the published job");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        // Generous: on a 2-core machine shared with builds, training the sample took over 2 minutes.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessRun(process.ExitCode, await output, await error);
    }

    private static (string, string, string, string) Publish()
    {
        var script = RepositoryFiles.Find(Path.Combine("scripts", "publish-job.sh"))
            ?? throw new InvalidOperationException("scripts/publish-job.sh not found above the test directory");
        var root = TestRunFolder.Sub("published");
        var dist = Path.Combine(root, "dist");
        var start = new ProcessStartInfo("bash") { ArgumentList = { script, dist }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"publish-job.sh failed ({process.ExitCode}):\n{output}\n{error.Result}");
        }

        string Value(string key) => output.Split('\n').Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..].Trim();
        var package = Value("package");
        var folder = Path.Combine(root, "opt");
        Directory.CreateDirectory(folder);
        using (var gzip = new GZipStream(File.OpenRead(package), CompressionMode.Decompress))
        {
            TarFile.ExtractToDirectory(gzip, folder, overwriteFiles: true);
        }

        return (folder, package, Value("sha256"), output);
    }
}

/// <summary>What one run of the published binary did.</summary>
public sealed record ProcessRun(int ExitCode, string Out, string Error)
{
    /// <summary>The rows written, each split into fields (no unescaping).</summary>
    public IReadOnlyList<string[]> Rows => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{(Out.Length > 2000 ? Out[..2000] + "..." : Out)}\nstderr:\n{Error}";
}
