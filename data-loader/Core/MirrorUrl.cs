namespace MnistEmr.DataLoader.Core;

/// <summary>Builds a file's URL on a mirror.</summary>
internal static class MirrorUrl
{
    /// <summary>The URL of <paramref name="fileName"/> under <paramref name="mirror"/>, which is treated as a folder.</summary>
    public static Uri For(string mirror, string fileName)
    {
        var folder = mirror.EndsWith('/') ? mirror : mirror + "/";
        return new Uri(new Uri(folder, UriKind.Absolute), Uri.EscapeDataString(fileName));
    }
}
