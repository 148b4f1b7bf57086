using System.Text.RegularExpressions;

namespace MnistJob.Core;

/// <summary>Where a stage reads or writes: an S3 prefix or a local folder standing in for a bucket.</summary>
public abstract partial record StoreLocation
{
    /// <summary>Parses <c>s3://bucket/prefix</c>, <c>file:///path</c> or a plain folder path.</summary>
    /// <param name="text">The URI or path.</param>
    /// <param name="option">The option it came from, named in messages.</param>
    /// <exception cref="JobException">With <see cref="ExitCode.UsageError"/> when it is none of these.</exception>
    public static StoreLocation Parse(string text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw JobException.Usage($"{option} is empty");
        }

        var scheme = UriScheme().Match(text);
        if (!scheme.Success)
        {
            return new FolderStoreLocation(Path.GetFullPath(text));
        }

        switch (scheme.Groups[1].Value.ToLowerInvariant())
        {
            case "s3":
                var rest = text["s3://".Length..];
                var slash = rest.IndexOf('/');
                var bucket = slash < 0 ? rest : rest[..slash];
                var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
                if (!BucketName().IsMatch(bucket))
                {
                    throw JobException.Usage($"{option} '{text}': '{bucket}' is not a valid S3 bucket name");
                }

                return new S3StoreLocation(bucket, prefix.Length == 0 ? string.Empty : prefix + "/");
            case "file":
                if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !uri.IsFile)
                {
                    throw JobException.Usage($"{option} '{text}' is not a valid file:// URI");
                }

                return new FolderStoreLocation(uri.LocalPath);
            default:
                throw JobException.Usage($"{option} '{text}' must be s3://bucket/prefix, a file:// URI or a folder path");
        }
    }

    /// <summary>The URI of <paramref name="key"/> at this location.</summary>
    public abstract string UriFor(string key);

    /// <summary>This location with <paramref name="subPrefix"/> (a relative folder) appended.</summary>
    public abstract StoreLocation Child(string subPrefix);

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex UriScheme();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
