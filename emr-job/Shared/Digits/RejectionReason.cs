namespace MnistEmr.Job.Shared.Digits;

/// <summary>Why a FORMAT A input was not used.</summary>
internal enum RejectionReason
{
    /// <summary>A <c>.png</c> with no <c>.txt</c> of the same name in the same folder.</summary>
    OrphanPng,

    /// <summary>A <c>.txt</c> with no <c>.png</c> of the same name in the same folder.</summary>
    OrphanTxt,

    /// <summary>A file that is neither <c>.png</c> nor <c>.txt</c>.</summary>
    UnexpectedFile,

    /// <summary>The label file does not hold exactly one digit 0-9.</summary>
    BadLabel,

    /// <summary>The image does not decode as PNG.</summary>
    UndecodablePng,

    /// <summary>The image decodes but is not 28x28.</summary>
    WrongSize,

    /// <summary>
    /// The image decodes but is not 8-bit grayscale (colour, alpha, a palette, another bit depth): scoring reads only
    /// what MNIST digits are, rather than guess how a colour image maps to ink.
    /// </summary>
    NotGrayscale,

    /// <summary>A symbolic link in a folder tree: never followed (S3, which the folder stands in for, has no links).</summary>
    SymbolicLink,

    /// <summary>
    /// A <c>.png</c> or <c>.txt</c> of zero bytes. Named apart from an unreadable file because it is the mark of an upload
    /// that wrote nothing, and because Spark's own file listing drops such files silently, which is why the job lists
    /// its inputs itself: every engine counts them.
    /// </summary>
    EmptyFile,

    /// <summary>
    /// The file was listed but could not be read: its name is not valid UTF-8 (a folder's file, which .NET cannot open
    /// by name), or it was deleted between the listing and the read.
    /// </summary>
    Unreadable,
}
