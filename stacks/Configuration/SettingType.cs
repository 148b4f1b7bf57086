namespace MnistEmr.Stacks.Configuration;

/// <summary>How the text of a setting (an environment variable, a cdktf context value) becomes its value, and back.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="parse">The value of a trimmed, non-empty text; throws <see cref="FormatException"/> saying what it must be.</param>
/// <param name="format">A value written as a user would set it (the README shows defaults so).</param>
public sealed class SettingType<T>(Func<string, T> parse, Func<T, string> format)
{
    /// <summary>The value of a trimmed, non-empty text.</summary>
    /// <exception cref="FormatException">The text is no such value; the message says what it must be, e.g. <c>must be a whole number</c>.</exception>
    public T Parse(string text) => parse(text);

    /// <summary>A value written as a user would set it.</summary>
    public string Format(T value) => format(value);
}
