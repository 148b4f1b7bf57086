using System.Net;
using System.Net.Sockets;

namespace MnistEmr.DataLoader.Tests.Support;

/// <summary>A loopback port that accepts connections (in the kernel backlog) and never answers: requests time out.</summary>
public sealed class SilentTcpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    public SilentTcpServer()
    {
        listener.Start();
    }

    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    public void Dispose() => listener.Stop();
}
