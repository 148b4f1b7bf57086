namespace DataLoader.Core;

/// <summary>A local folder, the embedded default target.</summary>
/// <param name="Folder">The folder path as given; it is created on the first write.</param>
public sealed record LocalTargetLocation(string Folder) : TargetLocation
{
    /// <inheritdoc />
    public override string UriFor(string name) => new Uri(System.IO.Path.Combine(System.IO.Path.GetFullPath(Folder), name)).AbsoluteUri;
}
