using System.Text.RegularExpressions;

namespace MnistEmr.Common.Cli;

/// <summary>
/// System.CommandLine's parse errors in a user's words: a value that does not convert is reported with the .NET type
/// it was meant for ("as expected type 'System.Nullable`1[System.Int32]'"), which says nothing to someone who typed
/// <c>--shard abc</c>. The type becomes what the option takes ("a whole number"); every other message stays as it is.
/// </summary>
internal static partial class ParseErrorText
{
    /// <summary><paramref name="message"/> with any .NET type name replaced by what it means.</summary>
    public static string Readable(string message) =>
        ExpectedType().Replace(message, match => $": expected {Describe(match.Groups["type"].Value)}");

    /// <summary>What a value of the .NET type <paramref name="typeName"/> is, in words.</summary>
    public static string Describe(string typeName)
    {
        var type = NullableOf().Match(typeName) is { Success: true } nullable ? nullable.Groups["inner"].Value : typeName;
        if (type.EndsWith("[]", StringComparison.Ordinal))
        {
            return Describe(type[..^2]);
        }

        return type switch
        {
            "System.Int32" or "System.Int64" or "System.Int16" or "System.Byte" or "System.UInt32" or "System.UInt64" or "System.UInt16" => "a whole number",
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.Boolean" => "true or false",
            "System.TimeSpan" => "a duration such as 00:05:00",
            "System.Uri" => "a URI",
            "System.IO.FileInfo" => "a file path",
            "System.IO.DirectoryInfo" => "a folder path",
            _ => $"a {type[(type.LastIndexOf('.') + 1)..]}",
        };
    }

    [GeneratedRegex(" as expected type '(?<type>[^']+)'")]
    private static partial Regex ExpectedType();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>.+)\]$")]
    private static partial Regex NullableOf();
}
