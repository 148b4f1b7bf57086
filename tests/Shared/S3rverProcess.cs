using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using MnistEmr.Common.Storage;

namespace MnistEmr.Tests.Shared;

/// <summary>
/// s3rver (an S3-compatible server from node_modules) on a free loopback port with a temporary data folder, started
/// and stopped by the tests. Skips the calling test when node or s3rver is missing, unless
/// MNIST_EMR_REQUIRE_SERVERS=1, which turns the skip into a failure. Compiled into every test project that needs S3.
/// </summary>
public sealed class S3rverProcess : IDisposable
{
    public const string Bucket = "test-bucket";
    public static readonly BasicAWSCredentials Credentials = new("S3RVER", "S3RVER");

    private readonly Process process;
    private readonly DirectoryInfo data;

    private S3rverProcess(Process process, DirectoryInfo data, int port)
    {
        this.process = process;
        this.data = data;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Endpoint { get; }

    public static S3rverProcess Start()
    {
        var script = FindS3rver();
        var node = FindOnPath("node");
        if (script is null || node is null)
        {
            var reason = script is null ? "node_modules/s3rver was not found above the test directory" : "node is not on PATH";
            if (Environment.GetEnvironmentVariable("MNIST_EMR_REQUIRE_SERVERS") == "1")
            {
                Assert.Fail($"s3rver is required (MNIST_EMR_REQUIRE_SERVERS=1) but {reason}");
            }

            Assert.Ignore($"S3 tests skipped: {reason} (run npm ci at the repository root)");
        }

        var data = Directory.CreateTempSubdirectory("s3rver-");
        var port = FreePort();
        var start = new ProcessStartInfo(node!)
        {
            // s3rver 3.x signs listing continuation tokens with a cipher OpenSSL 3 (Node 17+) only has in its legacy provider.
            ArgumentList = { "--openssl-legacy-provider", script!, "-d", data.FullName, "-a", "127.0.0.1", "-p", port.ToString(), "-s", "--configure-bucket", Bucket },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new S3rverProcess(process, data, port);
        server.WaitUntilListening(port);
        return server;
    }

    public IAmazonS3 CreateClient(AWSCredentials? credentials = null) =>
        S3ClientFactory.Create(Endpoint, null, TimeSpan.FromSeconds(10), 0, credentials ?? Credentials);

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
        data.Delete(recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited with code {process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException("s3rver did not start listening within 20 s");
    }

    private static string? FindS3rver()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, "node_modules", "s3rver", "bin", "s3rver.js");
            if (File.Exists(script))
            {
                return script;
            }
        }

        return null;
    }

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);
}
