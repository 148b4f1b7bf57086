using System.Text.RegularExpressions;

namespace DataLoader.Core;

/// <summary>Where the dataset goes: an S3 prefix or a local folder.</summary>
public abstract partial record TargetLocation
{
    /// <summary>
    /// Parses <c>s3://bucket/prefix</c>, <c>file:///path</c> or a plain local path.
    /// </summary>
    /// <exception cref="LoaderException">With <see cref="ExitCode.UsageError"/> for other schemes or a malformed S3 URI.</exception>
    public static TargetLocation Parse(string target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            throw LoaderException.Usage("--target is empty");
        }

        var scheme = UriScheme().Match(target);
        if (!scheme.Success)
        {
            return new LocalTargetLocation(target);
        }

        switch (scheme.Groups[1].Value.ToLowerInvariant())
        {
            case "s3":
                return S3TargetLocation.Parse(target);
            case "file":
                if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || !uri.IsFile)
                {
                    throw LoaderException.Usage($"--target '{target}' is not a valid file:// URI");
                }

                return new LocalTargetLocation(uri.LocalPath);
            default:
                throw LoaderException.Usage($"--target '{target}' must be s3://bucket/prefix, a file:// URI or a local folder path");
        }
    }

    /// <summary>The URI of the object or file <paramref name="name"/> at this target.</summary>
    public abstract string UriFor(string name);

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex UriScheme();
}
