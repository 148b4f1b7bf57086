using System.Text.RegularExpressions;

namespace DataLoader.Core;

/// <summary>An S3 bucket and key prefix (empty, or ending in '/').</summary>
public sealed partial record S3TargetLocation(string Bucket, string Prefix) : TargetLocation
{
    /// <summary>Parses <c>s3://bucket</c> or <c>s3://bucket/prefix</c>; the prefix is treated as a folder.</summary>
    public static new S3TargetLocation Parse(string target)
    {
        var rest = target["s3://".Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
        if (!BucketName().IsMatch(bucket))
        {
            throw LoaderException.Usage($"--target '{target}': '{bucket}' is not a valid S3 bucket name");
        }

        return new S3TargetLocation(bucket, prefix.Length == 0 ? string.Empty : prefix + "/");
    }

    /// <summary>The object key of <paramref name="name"/>.</summary>
    public string KeyFor(string name) => Prefix + name;

    /// <inheritdoc />
    public override string UriFor(string name) => $"s3://{Bucket}/{KeyFor(name)}";

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
