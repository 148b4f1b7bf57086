namespace DataLoader.Core;

/// <summary>
/// An expected failure with a one-line, user-facing message; the program prints the message and exits with
/// <see cref="ExitCode"/>.
/// </summary>
public sealed class LoaderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LoaderException(string message, ExitCode exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process exit code this failure maps to.</summary>
    public ExitCode ExitCode { get; }

    /// <summary>A usage or definition error (exit code 2).</summary>
    public static LoaderException Usage(string message) => new(message, ExitCode.UsageError);

    /// <summary>A remote or I/O failure (exit code 3).</summary>
    public static LoaderException Remote(string message, Exception? inner = null) =>
        new(message, ExitCode.RemoteFailure, inner);

    /// <summary>A failed data integrity check, naming the file, the check, expected versus found (exit code 4).</summary>
    public static LoaderException Integrity(string fileName, string check, object expected, object found) =>
        new($"{fileName}: {check} check failed: expected {expected}, found {found}", ExitCode.IntegrityFailure);
}
