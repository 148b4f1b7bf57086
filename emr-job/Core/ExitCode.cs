namespace MnistJob.Core;

/// <summary>The process exit codes, documented in <c>--help</c> and the README.</summary>
public enum ExitCode
{
    /// <summary>Success.</summary>
    Success = 0,

    /// <summary>An unexpected error: a bug.</summary>
    UnexpectedError = 1,

    /// <summary>Bad command-line arguments or options.</summary>
    UsageError = 2,

    /// <summary>A remote or I/O failure: S3, a folder, a timeout, a missing object.</summary>
    RemoteFailure = 3,

    /// <summary>Input data failed an integrity check (IDX files) or no usable digits were found.</summary>
    IntegrityFailure = 4,

    /// <summary>Cancelled (Ctrl+C / SIGTERM); conventional 128 + SIGINT.</summary>
    Cancelled = 130,
}
