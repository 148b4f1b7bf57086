namespace MnistEmr.Common.Cli;

/// <summary>
/// An expected failure with a one-line, user-facing message: the host prints <c>error: </c> and the message, and
/// exits with <see cref="ExitCode"/>. The one error type of every tool.
/// </summary>
public sealed class ToolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolException(string message, ExitCode exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code this failure maps to.</summary>
    public ExitCode ExitCode { get; }

    /// <summary>A usage error: a bad argument, option, setting or input (exit code 2).</summary>
    public static ToolException Usage(string message) => new(message, ExitCode.UsageError);

    /// <summary>A remote, I/O or external-tool failure (exit code 3).</summary>
    public static ToolException Remote(string message, Exception? inner = null) => new(message, ExitCode.RemoteFailure, inner);

    /// <summary>A failed data check naming the file, the check, expected versus found (exit code 4).</summary>
    public static ToolException Integrity(string fileName, string check, object expected, object found) =>
        new($"{fileName}: {check} check failed: expected {expected}, found {found}", ExitCode.IntegrityFailure);

    /// <summary>A data problem described in one sentence (exit code 4).</summary>
    public static ToolException Integrity(string message) => new(message, ExitCode.IntegrityFailure);
}
