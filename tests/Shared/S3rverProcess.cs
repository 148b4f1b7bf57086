using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using MnistEmr.Common.Storage;

namespace MnistEmr.Tests.Shared;

/// <summary>
/// s3rver (an S3-compatible server from node_modules) on a free loopback port with a temporary data folder: one
/// server per test assembly, started by the first test that needs it and stopped after the last test
/// (<see cref="S3rverShutdown"/>). Each <see cref="Start"/> hands that server to one test (or fixture) at a time, with
/// <see cref="Bucket"/> emptied as a fresh start would leave it; disposing hands it back. Starting node and s3rver
/// took about a second each time, and about ten fixtures started one. Skips the calling test when node or s3rver is
/// missing, unless MNIST_EMR_REQUIRE_SERVERS=1, which turns the skip into a failure. Compiled into every test project
/// that needs S3.
/// </summary>
public sealed class S3rverProcess : IDisposable
{
    public const string Bucket = "test-bucket";
    public static readonly BasicAWSCredentials Credentials = new("S3RVER", "S3RVER");

    private static readonly object Gate = new();
    private static readonly SemaphoreSlim InUse = new(1, 1);
    private static Server? shared;

    private bool disposed;

    private S3rverProcess(Server server) => Endpoint = server.Endpoint;

    public Uri Endpoint { get; }

    /// <summary>
    /// The assembly's server, started on first use, with an empty <see cref="Bucket"/> and no other bucket; waits while
    /// another test holds it. Dispose the result to hand the server back (it keeps running for the next test).
    /// </summary>
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

        if (!InUse.Wait(TimeSpan.FromMinutes(10)))
        {
            throw new TimeoutException("the shared s3rver was not handed back within 10 minutes: a test did not dispose its S3rverProcess");
        }

        try
        {
            Server server;
            lock (Gate)
            {
                if (shared is null || shared.HasExited)
                {
                    shared?.Dispose();
                    shared = Server.Launch(node!, script!);
                }

                server = shared;
            }

            server.EmptyBucket();
            return new S3rverProcess(server);
        }
        catch
        {
            InUse.Release();
            throw;
        }
    }

    public IAmazonS3 CreateClient(AWSCredentials? credentials = null) =>
        S3ClientFactory.Create(Endpoint, null, TimeSpan.FromSeconds(10), 0, credentials ?? Credentials);

    /// <summary>Hands the server back for the next test.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            InUse.Release();
        }
    }

    /// <summary>Stops the assembly's server and deletes its data folder, if a test started it.</summary>
    public static void StopShared()
    {
        lock (Gate)
        {
            shared?.Dispose();
            shared = null;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

    /// <summary>The node process running s3rver, and its data folder.</summary>
    private sealed class Server : IDisposable
    {
        private readonly Process process;
        private readonly DirectoryInfo data;
        private readonly object stopping = new();
        private bool stopped;

        private Server(Process process, DirectoryInfo data, int port)
        {
            this.process = process;
            this.data = data;
            Endpoint = new Uri($"http://127.0.0.1:{port}/");
        }

        public Uri Endpoint { get; }

        public bool HasExited => process.HasExited;

        public static Server Launch(string node, string script)
        {
            var data = Directory.CreateTempSubdirectory("s3rver-");
            var port = FreePort();
            var start = new ProcessStartInfo(node)
            {
                // s3rver 3.x signs listing continuation tokens with a cipher OpenSSL 3 (Node 17+) only has in its legacy provider.
                ArgumentList = { "--openssl-legacy-provider", script, "-d", data.FullName, "-a", "127.0.0.1", "-p", port.ToString(), "-s", "--configure-bucket", Bucket },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new Server(process, data, port);
            // Should the run end without the shutdown fixture (an aborted run), the server still goes with the process.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
            server.WaitUntilListening(port);
            return server;
        }

        /// <summary>
        /// Leaves the data folder as a fresh start does: <see cref="Bucket"/> and nothing in it. s3rver's filesystem
        /// store keeps no state besides these folders (a bucket is a folder, an object its files), so nothing else is reset.
        /// </summary>
        public void EmptyBucket()
        {
            foreach (var entry in data.EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo folder)
                {
                    folder.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }

            data.CreateSubdirectory(Bucket);
        }

        public void Dispose()
        {
            lock (stopping)
            {
                if (stopped)
                {
                    return;
                }

                stopped = true;
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }

            process.Dispose();
            data.Delete(recursive: true);
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
    }
}
