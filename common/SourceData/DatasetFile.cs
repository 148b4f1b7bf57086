namespace MnistEmr.Common.SourceData;

/// <summary>One file of a dataset definition: what it is called, its pinned size and checksum, its IDX shape.</summary>
public sealed record DatasetFile
{
    /// <summary>The file name, both on the mirror and at the target (e.g. <c>train-images-idx3-ubyte.gz</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The exact size of the gzip file in bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>The published SHA-256 of the gzip file, lowercase hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Whether the file holds images or labels.</summary>
    public required IdxKind Kind { get; init; }

    /// <summary>The number of items; when absent only the images/labels agreement is checked.</summary>
    public int? Count { get; init; }

    /// <summary>Rows per image (images only).</summary>
    public int? Rows { get; init; }

    /// <summary>Columns per image (images only).</summary>
    public int? Cols { get; init; }

    /// <summary>For an images file, the name of the labels file it pairs with.</summary>
    public string? Labels { get; init; }
}
