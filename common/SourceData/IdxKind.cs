namespace MnistEmr.Common.SourceData;

/// <summary>The two IDX layouts MNIST uses.</summary>
public enum IdxKind
{
    /// <summary>A 3-dimensional unsigned-byte tensor: count x rows x cols (magic 0x00000803).</summary>
    Images,

    /// <summary>A 1-dimensional unsigned-byte vector: count (magic 0x00000801).</summary>
    Labels,
}
