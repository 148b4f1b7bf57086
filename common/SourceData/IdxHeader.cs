namespace MnistEmr.Common.SourceData;

/// <summary>The header of an IDX file: its kind, item count and, for images, the dimensions.</summary>
/// <param name="Kind">Images or labels, from the magic number.</param>
/// <param name="Count">The number of items.</param>
/// <param name="Rows">Rows per image; 0 for labels.</param>
/// <param name="Cols">Columns per image; 0 for labels.</param>
public sealed record IdxHeader(IdxKind Kind, int Count, int Rows, int Cols)
{
    /// <summary>The bytes of data that must follow the header.</summary>
    public long PayloadBytes => Kind == IdxKind.Images ? (long)Count * Rows * Cols : Count;
}
