namespace Pipeline.Review.Core;

/// <summary>Exit codes of the review command.</summary>
public enum ExitCode
{
    /// <summary>The review was written.</summary>
    Ok = 0,

    /// <summary>An unexpected error: a bug.</summary>
    Bug = 1,

    /// <summary>Bad arguments or input: not a plan, no stack in a folder, an invalid setting.</summary>
    Usage = 2,

    /// <summary>A tool failed: Terraform missing, its init or plan failed.</summary>
    ToolFailure = 3,

    /// <summary>The review was written, and <c>--gate</c> found failed security checks.</summary>
    GateFailed = 5,

    /// <summary>Stopped by SIGINT (Ctrl-C): 128 + 2, the shell's code for it. Terraform was stopped, nothing left behind.</summary>
    Interrupted = 130,

    /// <summary>Stopped by SIGTERM: 128 + 15, the shell's code for it. Terraform was stopped, nothing left behind.</summary>
    Terminated = 143,
}
