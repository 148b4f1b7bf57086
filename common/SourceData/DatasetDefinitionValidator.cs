using System.Text.RegularExpressions;

namespace MnistEmr.Common.SourceData;

/// <summary>Checks a dataset definition for consistency before anything is downloaded.</summary>
public static partial class DatasetDefinitionValidator
{
    /// <summary>The manifest's object name, reserved at the target.</summary>
    public const string ManifestName = "manifest.json";

    /// <summary>Returns every problem found; an empty list means the definition is valid.</summary>
    public static IReadOnlyList<string> Validate(DatasetDefinition definition)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            errors.Add("name is missing");
        }

        if (definition.Mirrors is null || definition.Mirrors.Count == 0)
        {
            errors.Add("no mirrors are listed");
        }
        else
        {
            errors.AddRange(definition.Mirrors.Select(MirrorProblem).OfType<string>());
        }

        if (definition.Files is null || definition.Files.Count == 0)
        {
            errors.Add("no files are listed");
            return errors;
        }

        foreach (var file in definition.Files)
        {
            errors.AddRange(FileProblems(file));
        }

        errors.AddRange(definition.Files
            .GroupBy(f => f.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"file {g.Key} is listed {g.Count()} times"));
        errors.AddRange(PairingProblems(definition.Files));
        return errors;
    }

    /// <summary>Returns a problem with a mirror URL, or null when it is an absolute http, https or file URL.</summary>
    public static string? MirrorProblem(string mirror)
    {
        if (!Uri.TryCreate(mirror, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeFile))
        {
            return $"mirror '{mirror}' is not an absolute http, https or file URL";
        }

        return null;
    }

    private static IEnumerable<string> FileProblems(DatasetFile file)
    {
        if (string.IsNullOrEmpty(file.Name) || !SafeFileName().IsMatch(file.Name) || file.Name == ManifestName)
        {
            yield return $"file name '{file.Name}' is not a plain file name (letters, digits, '.', '-', '_'; not {ManifestName})";
            yield break;
        }

        if (file.Bytes <= 0)
        {
            yield return $"file {file.Name}: bytes must be positive";
        }

        if (file.Sha256 is null || !Sha256Hex().IsMatch(file.Sha256))
        {
            yield return $"file {file.Name}: sha256 must be 64 lowercase hex digits";
        }

        if (file.Count is < 0)
        {
            yield return $"file {file.Name}: count must not be negative";
        }

        if (file.Kind == IdxKind.Images)
        {
            if (file.Rows is not > 0 || file.Cols is not > 0)
            {
                yield return $"file {file.Name}: images need positive rows and cols";
            }
        }
        else if (file.Rows is not null || file.Cols is not null || file.Labels is not null)
        {
            yield return $"file {file.Name}: labels take no rows, cols or labels";
        }
    }

    private static IEnumerable<string> PairingProblems(IReadOnlyList<DatasetFile> files)
    {
        var byName = files.GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First());
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var images in files.Where(f => f.Kind == IdxKind.Images && f.Labels is not null))
        {
            if (!byName.TryGetValue(images.Labels!, out var labels) || labels.Kind != IdxKind.Labels)
            {
                yield return $"file {images.Name}: pairs with {images.Labels}, which is not a labels file of this dataset";
                continue;
            }

            if (!claimed.Add(labels.Name))
            {
                yield return $"labels file {labels.Name} is paired with more than one images file";
            }

            if (images.Count is { } imageCount && labels.Count is { } labelCount && imageCount != labelCount)
            {
                yield return $"images/labels counts disagree: {images.Name} has {imageCount}, {labels.Name} has {labelCount}";
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]*$")]
    private static partial Regex SafeFileName();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
