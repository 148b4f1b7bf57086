namespace MnistEmr.Common.Storage;

/// <summary>A local folder standing in for a bucket; keys are relative paths with '/' separators.</summary>
/// <param name="Folder">The absolute folder path.</param>
public sealed record FolderStoreLocation(string Folder) : StoreLocation
{
    /// <inheritdoc />
    public override string UriFor(string key) => System.IO.Path.Combine(Folder, key.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>The <c>file://</c> URI of <paramref name="key"/>, for results a program reads back as a URI.</summary>
    public string FileUriFor(string key) => new Uri(UriFor(key)).AbsoluteUri;

    /// <inheritdoc />
    public override StoreLocation Child(string subPrefix) => new FolderStoreLocation(System.IO.Path.Combine(Folder, subPrefix.Trim('/')));
}
