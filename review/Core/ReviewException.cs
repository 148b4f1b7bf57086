namespace Pipeline.Review.Core;

/// <summary>An expected failure, shown to the user as one line with no stack trace.</summary>
public sealed class ReviewException(string message, ExitCode exitCode) : Exception(message)
{
    /// <summary>The process exit code this failure maps to.</summary>
    public ExitCode ExitCode { get; } = exitCode;
}
