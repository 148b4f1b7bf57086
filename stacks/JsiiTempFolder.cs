namespace MnistEmr.Stacks;

/// <summary>
/// A temporary folder of this process's own, made the process's temporary folder until disposed and then deleted.
/// jsii's .NET runtime unpacks its Node.js host and every package's tarball (about 35 MB with the AWS provider) into a
/// new randomly named folder under the temporary folder each time it starts, and never deletes them (aws/jsii#700);
/// every synthesis left them in /tmp until a disk filled. TMPDIR is what .NET's <see cref="Path.GetTempPath"/> reads
/// on each call on Unix and what the Node.js child inherits, so setting it before the first jsii call gathers them here.
/// The folder also owns jsii's runtime (<see cref="JsiiRuntime"/>): the child is ended, and a synthesis a signal
/// abandoned is waited for, before the folder is deleted, so nothing writes into it while it goes; a child a signal has
/// already ended is no error.
/// </summary>
public sealed class JsiiTempFolder : IDisposable
{
    private const string Variable = "TMPDIR";
    private readonly string? _previous;
    private readonly JsiiRuntime _runtime;

    private JsiiTempFolder(string path, string? previous, JsiiRuntime runtime)
    {
        Path = path;
        _previous = previous;
        _runtime = runtime;
    }

    /// <summary>The folder, under the temporary folder the process started with.</summary>
    public string Path { get; }

    /// <summary>Creates the folder, points TMPDIR at it and takes over jsii's runtime; call before anything starts jsii, once a process.</summary>
    public static JsiiTempFolder Enter()
    {
        var previous = Environment.GetEnvironmentVariable(Variable);
        var path = Directory.CreateTempSubdirectory("mnist-pipeline-jsii-").FullName;
        Environment.SetEnvironmentVariable(Variable, path);
        return new JsiiTempFolder(path, previous, JsiiRuntime.Install(path));
    }

    /// <summary>
    /// Ends jsii's Node.js child, waits for a synthesis a signal abandoned to end, restores TMPDIR and deletes the
    /// folder with what jsii unpacked.
    /// </summary>
    public void Dispose()
    {
        _runtime.Dispose();
        // jsii's .NET runtime writes each package's tarball under TMPDIR itself, on the synthesis's thread: one still
        // writing after TMPDIR was restored left its tarball in the process's temporary folder (a flaky test).
        InterruptibleSynthesis.WaitForAbandoned(TimeSpan.FromSeconds(10));
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
