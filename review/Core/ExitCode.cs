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
}
