namespace DataLoader.Core;

/// <summary>Process exit codes of the loader; Terraform's local-exec fails the apply on any non-zero code.</summary>
public enum ExitCode
{
    /// <summary>The dataset is complete at the target.</summary>
    Success = 0,

    /// <summary>An unexpected failure: a bug in the loader.</summary>
    UnexpectedError = 1,

    /// <summary>Bad command-line arguments or an invalid dataset definition.</summary>
    UsageError = 2,

    /// <summary>A remote or I/O failure: no mirror served a file, S3 or the target folder failed.</summary>
    RemoteFailure = 3,

    /// <summary>Downloaded data failed an integrity check (size, SHA-256, gzip, IDX).</summary>
    IntegrityFailure = 4,

    /// <summary>The run was cancelled (Ctrl+C / SIGTERM); conventional 128 + SIGINT.</summary>
    Cancelled = 130,
}
