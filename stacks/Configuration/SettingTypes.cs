using MnistEmr.Common.Cli;

namespace MnistEmr.Stacks.Configuration;

/// <summary>The types the settings are of, each with the message a text that is not one gets.</summary>
public static class SettingTypes
{
    /// <summary>Text, taken as given (trimmed).</summary>
    public static SettingType<string> Text { get; } = new(text => text, value => value);

    /// <summary>Text of an optional setting.</summary>
    public static SettingType<string?> OptionalText { get; } = new(text => text, value => value ?? "");

    /// <summary>A whole number in invariant notation.</summary>
    public static SettingType<int> WholeNumber { get; } = new(
        text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException("must be a whole number"),
        value => value.ToString(CultureInfo.InvariantCulture));

    /// <summary>On or off, in the words every flag of the project takes (<see cref="FlagWords"/>), in any case.</summary>
    public static SettingType<bool> Flag { get; } = new(
        text => FlagWords.TryParse(text) ?? throw new FormatException($"must be {FlagWords.Expected}"),
        value => value ? "true" : "false");

    /// <summary>A decimal number of an optional setting, with a point as the separator.</summary>
    /// <param name="example">A typical value, shown in the message for a text that is no number.</param>
    public static SettingType<decimal?> OptionalNumber(string example) => new(
        text => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"must be a number such as {example}"),
        value => value?.ToString(CultureInfo.InvariantCulture) ?? "");

    /// <summary>One of a few names, in any case, each standing for a value; the first name of a value is the one shown.</summary>
    /// <param name="names">Each accepted name and its value; a later name of the same value is an alias (<c>ondemand</c>).</param>
    public static SettingType<T> Choice<T>(params (string Name, T Value)[] names) where T : struct, Enum
    {
        var shown = names.DistinctBy(n => n.Value).Select(n => n.Name).ToList();
        var expected = shown.Count == 1 ? shown[0] : $"{string.Join(", ", shown[..^1])} or {shown[^1]}";
        return new(
            text => names.FirstOrDefault(n => n.Name == text.ToLowerInvariant()) is { Name: not null } match
                ? match.Value
                : throw new FormatException($"must be {expected}"),
            value => names.First(n => n.Value.Equals(value)).Name);
    }
}
