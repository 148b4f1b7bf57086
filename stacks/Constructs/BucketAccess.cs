namespace MnistEmr.Stacks.Constructs;

/// <summary>What the cluster may do in one bucket.</summary>
public enum BucketAccess
{
    /// <summary>List and read objects.</summary>
    Read,

    /// <summary>List, read, write and delete objects.</summary>
    ReadWrite,

    /// <summary>List and write objects, e.g. logs; no reading back.</summary>
    Write,
}
