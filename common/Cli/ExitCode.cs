namespace MnistEmr.Common.Cli;

/// <summary>
/// The process exit codes of every tool in the repository (loader, job, review), one meaning per number. Documented
/// in each tool's <c>--help</c> and the README; Terraform's local-exec fails an apply on any non-zero code.
/// </summary>
public enum ExitCode
{
    /// <summary>Success.</summary>
    Success = 0,

    /// <summary>An unexpected failure: a bug; <c>--verbose</c> shows where.</summary>
    UnexpectedError = 1,

    /// <summary>Bad command-line arguments, options or settings, or input that is not what the tool reads.</summary>
    UsageError = 2,

    /// <summary>A remote, I/O or external-tool failure: S3, a mirror, a folder, a timeout, Terraform.</summary>
    RemoteFailure = 3,

    /// <summary>Data failed an integrity check (size, SHA-256, gzip, IDX) or held nothing usable.</summary>
    IntegrityFailure = 4,

    /// <summary>The review was written, and <c>--gate</c> found failed security checks.</summary>
    GateFailed = 5,

    /// <summary>
    /// The job's <c>status</c>: the run exists but is not complete: a step has not left its result yet, or the canary
    /// failed. The status table says what is missing.
    /// </summary>
    RunIncomplete = 6,

    /// <summary>Cancelled by SIGINT (Ctrl-C) or SIGTERM: 128 + SIGINT, the shell's code for an interrupt.</summary>
    Cancelled = 130,
}
