using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using MnistEmr.Common.Cli;

namespace MnistEmr.Bench;

/// <summary>
/// s3rver, the S3-compatible server in the repository's node_modules, on a free loopback port with a temporary data
/// folder and one bucket: started by <c>read</c> when no <c>--endpoint</c> is given, killed and
/// its folder deleted on dispose. The tests start theirs with it too (tests/Shared/S3rverProcess.cs compiles this file).
/// </summary>
internal sealed class LocalS3rver : IDisposable
{
    /// <summary>The bucket <c>read</c> writes to when not told otherwise.</summary>
    public const string Bucket = "bench";

    /// <summary>The credentials s3rver accepts.</summary>
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("S3RVER", "S3RVER");

    private readonly Process process;
    private readonly DirectoryInfo data;
    private int disposed;

    private LocalS3rver(Process process, DirectoryInfo data, int port)
    {
        this.process = process;
        this.data = data;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>The server's address.</summary>
    public Uri Endpoint { get; }

    /// <summary>Whether the node process has ended (killed, or crashed).</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The CPU time the node process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Starts s3rver with <paramref name="bucket"/> and waits until it accepts connections.</summary>
    /// <param name="bucket">The bucket it is started with.</param>
    /// <param name="searchRoots">Folders above which node_modules/s3rver is looked for.</param>
    /// <param name="cancellationToken">Cancels the wait (the process is then killed).</param>
    /// <exception cref="ToolException">Exit 2 when node or s3rver cannot be found; exit 3 when s3rver does not start.</exception>
    public static async Task<LocalS3rver> StartAsync(string bucket, IReadOnlyList<string> searchRoots, CancellationToken cancellationToken)
    {
        var script = FindScript(searchRoots)
            ?? throw ToolException.Usage("node_modules/s3rver was not found above the current folder; run npm ci at the repository root, or pass --endpoint");
        var node = FindOnPath("node") ?? throw ToolException.Usage("node is not on PATH; it runs s3rver (or pass --endpoint)");
        var data = Directory.CreateTempSubdirectory("mnist-emr-bench-s3rver-");
        var port = FreePort();
        var start = new ProcessStartInfo(node)
        {
            // s3rver 3.x signs listing continuation tokens with a cipher OpenSSL 3 (Node 17+) has only in its legacy provider.
            ArgumentList = { "--openssl-legacy-provider", script, "-d", data.FullName, "-a", "127.0.0.1", "-p", $"{port}", "-s", "--configure-bucket", bucket },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw ToolException.Remote("could not start node for s3rver");
        var server = new LocalS3rver(process, data, port);
        // Should the process end without disposing it (an interrupted run), the server still goes with it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text && errors.Count < 20)
            {
                errors.Enqueue(text);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilListeningAsync(port, () => string.Join(" | ", errors), cancellationToken);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Leaves the data folder as a fresh start with <paramref name="bucket"/> does: that bucket, empty, and nothing
    /// else. s3rver's filesystem store keeps no state besides these folders (a bucket is a folder, an object its files).
    /// </summary>
    /// <param name="bucket">The one bucket left.</param>
    public void Reset(string bucket)
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

        data.CreateSubdirectory(bucket);
    }

    /// <summary>Kills s3rver and deletes its data folder; a second call does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited in between.
        }

        process.Dispose();
        try
        {
            data.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS eventually.
        }
    }

    private async Task WaitUntilListeningAsync(int port, Func<string> errors, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw ToolException.Remote($"s3rver exited with code {process.ExitCode}: {errors()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        throw ToolException.Remote($"s3rver did not listen on port {port} within 30 s: {errors()}");
    }

    /// <summary>A loopback port free at the moment of asking (the one s3rver is then started on).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindScript(IReadOnlyList<string> searchRoots)
    {
        foreach (var root in searchRoots)
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var script = Path.Combine(dir.FullName, "node_modules", "s3rver", "bin", "s3rver.js");
                if (File.Exists(script))
                {
                    return script;
                }
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
