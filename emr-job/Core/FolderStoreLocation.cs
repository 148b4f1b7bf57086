namespace MnistJob.Core;

/// <summary>A local folder standing in for a bucket; keys are relative paths with '/' separators.</summary>
/// <param name="Folder">The absolute folder path.</param>
public sealed record FolderStoreLocation(string Folder) : StoreLocation
{
    /// <inheritdoc />
    public override string UriFor(string key) => System.IO.Path.Combine(Folder, key.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <inheritdoc />
    public override StoreLocation Child(string subPrefix) => new FolderStoreLocation(System.IO.Path.Combine(Folder, subPrefix.Trim('/')));
}
