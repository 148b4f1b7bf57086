namespace MnistEmr.DataLoader.Io;

/// <summary>A mirror could not serve a file (not found, server error, timeout, unreachable): try the next mirror.</summary>
internal sealed class MirrorException : Exception
{
    /// <summary>Creates the exception with a short reason such as <c>HTTP 404 Not Found</c>.</summary>
    public MirrorException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
