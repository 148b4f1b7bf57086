namespace MnistEmr.Stacks;

/// <summary>
/// A temporary folder of this process's own, made the process's temporary folder until disposed and then deleted.
/// jsii's .NET runtime unpacks its Node.js host and every package's tarball (about 35 MB with the AWS provider) into a
/// new randomly named folder under the temporary folder each time it starts, and never deletes them (aws/jsii#700);
/// every synthesis left them in /tmp until a disk filled. TMPDIR is what .NET's <see cref="Path.GetTempPath"/> reads
/// on each call on Unix and what the Node.js child inherits, so setting it before the first jsii call gathers them here.
/// </summary>
public sealed class JsiiTempFolder : IDisposable
{
    private const string Variable = "TMPDIR";
    private readonly string? _previous;

    private JsiiTempFolder(string path, string? previous)
    {
        Path = path;
        _previous = previous;
    }

    /// <summary>The folder, under the temporary folder the process started with.</summary>
    public string Path { get; }

    /// <summary>Creates the folder and points TMPDIR at it; call before anything starts jsii.</summary>
    public static JsiiTempFolder Enter()
    {
        var previous = Environment.GetEnvironmentVariable(Variable);
        var path = Directory.CreateTempSubdirectory("mnist-pipeline-jsii-").FullName;
        Environment.SetEnvironmentVariable(Variable, path);
        return new JsiiTempFolder(path, previous);
    }

    /// <summary>Restores TMPDIR and deletes the folder with what jsii unpacked.</summary>
    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Variable, _previous);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leaving the folder costs disk space, not correctness: the synthesis has already been written.
        }
    }
}
