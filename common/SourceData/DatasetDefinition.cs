namespace MnistEmr.Common.SourceData;

/// <summary>A dataset as data: its name, the mirrors to try in order, and its files.</summary>
public sealed record DatasetDefinition
{
    /// <summary>A short name recorded in the manifest (e.g. <c>mnist</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Free text for humans.</summary>
    public string? Description { get; init; }

    /// <summary>Base URLs (http, https or file) tried in order; a file's URL is the base plus its name.</summary>
    public required IReadOnlyList<string> Mirrors { get; init; }

    /// <summary>The files of the dataset.</summary>
    public required IReadOnlyList<DatasetFile> Files { get; init; }
}
