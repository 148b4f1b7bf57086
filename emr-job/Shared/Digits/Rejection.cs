namespace MnistEmr.Job.Shared.Digits;

/// <summary>A FORMAT A input that was not used, and why.</summary>
/// <param name="Key">The key of the offending object (the PNG for a pair).</param>
/// <param name="Reason">The category.</param>
/// <param name="Detail">What exactly was wrong; kept printable and short whatever the input held (see <see cref="Printable"/>).</param>
internal sealed record Rejection(string Key, RejectionReason Reason, string Detail)
{
    /// <summary>The longest detail kept, in characters.</summary>
    public const int MaxDetailLength = 200;

    /// <summary>What exactly was wrong, printable: a detail may quote the bad input itself (a decoder's message, a label).</summary>
    public string Detail { get; init; } = Printable(Detail);

    /// <summary>The rejection of a listed entry that is no object: a symbolic link, or a name that cannot be opened.</summary>
    public static Rejection OfEntry(MnistEmr.Common.Storage.ListedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new Rejection(entry.Key, entry.UnreadableName ? RejectionReason.Unreadable : RejectionReason.SymbolicLink, entry.NotAnObject ?? string.Empty);
    }

    /// <summary>
    /// <paramref name="text"/> with control characters and undecodable bytes (U+FFFD) written as <c>\xNN</c> escapes,
    /// cut to <see cref="MaxDetailLength"/> characters with an ellipsis: a garbage file must not put NUL bytes or
    /// pages of binary into a model card, a report or a log line.
    /// </summary>
    public static string Printable(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxDetailLength + 8));
        foreach (var c in text)
        {
            if (builder.Length >= MaxDetailLength)
            {
                return builder.Append('…').ToString();
            }

            builder.Append(char.IsControl(c) || c == '\uFFFD' ? $"\\x{((int)c).ToString("X2", CultureInfo.InvariantCulture)}" : c);
        }

        return builder.ToString();
    }
}
