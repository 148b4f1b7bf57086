using System.Text.RegularExpressions;

namespace MnistEmr.Common.Storage;

/// <summary>
/// Where a tool reads or writes: an S3 prefix, or a local folder standing in for a bucket. The one location type of
/// every tool, parsed by one strict parser: anything that looks like a URI must be a well-formed <c>s3://</c> or
/// <c>file:</c> URI, so a typo such as <c>s3:/bucket</c> is an error instead of a local folder named <c>s3:</c>.
/// </summary>
public abstract partial record StoreLocation
{
    /// <summary>What every option taking a location accepts, for help texts and messages.</summary>
    public const string Accepted = "s3://bucket/prefix, a file:///absolute/path URI or a folder path";

    /// <summary>Parses <c>s3://bucket/prefix</c>, a file URI (RFC 8089: <c>file:///path</c>, <c>file://localhost/path</c>, <c>file:/path</c>) or a folder path.</summary>
    /// <param name="text">The URI or path.</param>
    /// <param name="option">The option it came from, named in messages.</param>
    /// <exception cref="ToolException">With <see cref="ExitCode.UsageError"/> when it is none of these.</exception>
    public static StoreLocation Parse(string text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ToolException.Usage($"{option} is empty");
        }

        var scheme = UriScheme().Match(text);
        if (!scheme.Success)
        {
            return new FolderStoreLocation(Path.GetFullPath(text));
        }

        return scheme.Groups[1].Value.ToLowerInvariant() switch
        {
            "s3" => ParseS3(text, option),
            "file" => ParseFile(text, option),
            _ => throw ToolException.Usage($"{option} '{text}': unknown scheme '{scheme.Groups[1].Value}:'; give {Accepted} (prefix a relative folder whose name has a colon with ./)"),
        };
    }

    /// <summary>The URI of <paramref name="key"/> at this location (a path for a folder).</summary>
    public abstract string UriFor(string key);

    /// <summary>This location with <paramref name="subPrefix"/> (a relative folder) appended.</summary>
    public abstract StoreLocation Child(string subPrefix);

    private static S3StoreLocation ParseS3(string text, string option)
    {
        if (!text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            throw ToolException.Usage($"{option} '{text}' is not a valid S3 URI: write s3://bucket/prefix");
        }

        var rest = text["s3://".Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
        if (!BucketName().IsMatch(bucket))
        {
            throw ToolException.Usage($"{option} '{text}': '{bucket}' is not a valid S3 bucket name");
        }

        return new S3StoreLocation(bucket, prefix.Length == 0 ? string.Empty : prefix + "/");
    }

    /// <summary>RFC 8089 section 2: <c>file:</c> then either <c>//</c> and an authority (empty or <c>localhost</c>) or no authority; the path is absolute.</summary>
    private static FolderStoreLocation ParseFile(string text, string option)
    {
        var match = FileUri().Match(text);
        if (!match.Success)
        {
            throw ToolException.Usage($"{option} '{text}' is not a local file URI: write file:///absolute/path (RFC 8089), or give a folder path");
        }

        var host = match.Groups["host"].Value;
        if (match.Groups["authority"].Success && host.Length > 0 && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw ToolException.Usage(
                $"{option} '{text}' names the host '{host}'; a file URI here is local: write file:///absolute/path (three slashes), or give a folder path");
        }

        var path = Uri.UnescapeDataString(match.Groups["path"].Value);
        return new FolderStoreLocation(Path.GetFullPath(path));
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*):")]
    private static partial Regex UriScheme();

    // file:/path, file:///path, file://localhost/path; no query or fragment.
    [GeneratedRegex("^file:(?<authority>//(?<host>[^/?#]*))?(?<path>/[^?#]*)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileUri();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
