namespace MnistEmr.Common.Cli;

/// <summary>
/// The words every on/off value of the project takes, in any case: the stack's boolean settings
/// (<c>forceDestroy</c>, <c>runDataLoader</c>) and the tools' flag variables (<c>MNIST_REVIEW_OFFLINE</c>). One list,
/// so a word one of them takes is never refused by another.
/// </summary>
public static class FlagWords
{
    /// <summary>The words that mean on.</summary>
    public static IReadOnlyList<string> On { get; } = ["true", "yes", "on", "1"];

    /// <summary>The words that mean off.</summary>
    public static IReadOnlyList<string> Off { get; } = ["false", "no", "off", "0"];

    /// <summary>What a refused word is told it must be: "true/false, yes/no, on/off or 1/0".</summary>
    public const string Expected = "true/false, yes/no, on/off or 1/0";

    /// <summary>The value of <paramref name="text"/> (trimmed, any case), or null when it is no flag word.</summary>
    public static bool? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var word = text.Trim().ToLowerInvariant();
        return On.Contains(word) ? true : Off.Contains(word) ? false : null;
    }
}
