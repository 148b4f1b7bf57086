using System.Globalization;
using System.Text;

namespace MnistEmr.Common.Cli;

/// <summary>
/// The whole log of one tool process in the container's log folder (<see cref="ToolEnvironment.LogFolder"/>), beside
/// what goes to stderr: <c>&lt;tool&gt;-&lt;command&gt;-&lt;process id&gt;.log</c>, flushed line by line so a killed
/// process leaves what it wrote.
/// </summary>
internal sealed class LogFile : IDisposable
{
    private readonly StreamWriter writer;

    private LogFile(string path)
    {
        Path = path;
        writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true };
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>Opens the log file of <paramref name="tool"/>'s <paramref name="command"/>, or returns null when there is no log folder or it cannot be written.</summary>
    public static LogFile? Open(ToolEnvironment environment, string tool, string command)
    {
        if (environment.LogFolder is not { } folder)
        {
            return null;
        }

        var name = $"{tool}-{command}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.log";
        try
        {
            return new LogFile(System.IO.Path.Combine(folder, name));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A log folder we cannot write must not fail the work; stderr still has the log.
            environment.Error.WriteLine($"note: cannot write a log file in {folder}: {ex.Message}");
            return null;
        }
    }

    /// <summary>A writer that writes to this file and to <paramref name="other"/>.</summary>
    public TextWriter Tee(TextWriter other) => TextWriter.Synchronized(new TeeWriter(writer, other));

    /// <inheritdoc />
    public void Dispose() => writer.Dispose();

    private sealed class TeeWriter(TextWriter file, TextWriter other) : TextWriter
    {
        public override Encoding Encoding => other.Encoding;

        public override void Write(char value)
        {
            file.Write(value);
            other.Write(value);
        }

        public override void Write(string? value)
        {
            file.Write(value);
            other.Write(value);
        }

        public override void WriteLine(string? value)
        {
            file.WriteLine(value);
            other.WriteLine(value);
        }

        public override void Flush()
        {
            file.Flush();
            other.Flush();
        }
    }
}
