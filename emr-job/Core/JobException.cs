namespace MnistJob.Core;

/// <summary>
/// An expected failure with a one-line, user-facing message; the program prints the message and exits with
/// <see cref="ExitCode"/>.
/// </summary>
public sealed class JobException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JobException(string message, ExitCode exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code this failure maps to.</summary>
    public ExitCode ExitCode { get; }

    /// <summary>A usage error (exit code 2).</summary>
    public static JobException Usage(string message) => new(message, ExitCode.UsageError);

    /// <summary>A remote or I/O failure (exit code 3).</summary>
    public static JobException Remote(string message, Exception? inner = null) => new(message, ExitCode.RemoteFailure, inner);

    /// <summary>A failed data check naming the file, the check, expected versus found (exit code 4).</summary>
    public static JobException Integrity(string fileName, string check, object expected, object found) =>
        new($"{fileName}: {check} check failed: expected {expected}, found {found}", ExitCode.IntegrityFailure);

    /// <summary>A data problem described in one sentence (exit code 4).</summary>
    public static JobException Integrity(string message) => new(message, ExitCode.IntegrityFailure);
}
