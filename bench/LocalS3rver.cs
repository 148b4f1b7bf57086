using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
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
    private readonly DirectoryInfo root;
    private readonly DirectoryInfo data;
    private int disposed;

    private LocalS3rver(Process process, DirectoryInfo root, DirectoryInfo data, int port)
    {
        this.process = process;
        this.root = root;
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
        var package = FindPackage(searchRoots)
            ?? throw ToolException.Usage("node_modules/s3rver was not found above the current folder; run npm ci at the repository root, or pass --endpoint");
        var node = FindOnPath("node") ?? throw ToolException.Usage("node is not on PATH; it runs s3rver (or pass --endpoint)");
        var root = Directory.CreateTempSubdirectory("mnist-emr-bench-s3rver-");
        var data = root.CreateSubdirectory("store");
        var preload = Path.Combine(root.FullName, "durable-writes.cjs");
        File.WriteAllText(preload, DurableWritesScript(Path.Combine(package, "lib", "stores", "filesystem.js")));
        var port = FreePort();
        var start = new ProcessStartInfo(node)
        {
            // s3rver 3.x signs listing continuation tokens with a cipher OpenSSL 3 (Node 17+) has only in its legacy provider.
            ArgumentList =
            {
                "--openssl-legacy-provider", "--require", preload, Path.Combine(package, "bin", "s3rver.js"),
                "-d", data.FullName, "-a", "127.0.0.1", "-p", $"{port}", "-s", "--configure-bucket", bucket,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw ToolException.Remote("could not start node for s3rver");
        var server = new LocalS3rver(process, root, data, port);
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
            root.Delete(recursive: true);
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

    /// <summary>The s3rver package (its folder in node_modules) above one of <paramref name="searchRoots"/>, or null.</summary>
    internal static string? FindPackage(IReadOnlyList<string> searchRoots)
    {
        foreach (var root in searchRoots)
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var package = Path.Combine(dir.FullName, "node_modules", "s3rver");
                if (File.Exists(Path.Combine(package, "bin", "s3rver.js")))
                {
                    return package;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The script node loads before s3rver (<c>--require</c>) so that a PUT is answered only once its body is in its
    /// file. s3rver 3.7.1's filesystem store (<c>lib/stores/filesystem.js</c>, <c>putObject</c> and <c>putPart</c>)
    /// answers once it has hashed the body, while the file write stream may still hold it; the object's <c>.md5</c> is
    /// written meanwhile, and a GET reads the size from the file and the ETag from the <c>.md5</c>. So a GET right after
    /// a PUT on a busy machine could serve a short body under the full body's ETag, which the AWS SDK rejects ("Expected
    /// hash not equal to calculated hash"): a flaky test. Real S3 reads its writes (strong read-after-write
    /// consistency), as the job assumes. Both methods are replaced by one that resolves when the file is written.
    /// </summary>
    /// <param name="filesystemStore">The path of s3rver's <c>lib/stores/filesystem.js</c>.</param>
    internal static string DurableWritesScript(string filesystemStore) => $$"""
        'use strict';
        const crypto = require('crypto');
        const fs = require('fs');
        const path = require('path');
        const { Readable, Transform } = require('stream');
        const { pipeline } = require('stream/promises');
        const FilesystemStore = require({{JsonSerializer.Serialize(filesystemStore)}});

        for (const method of ['putObject', 'putPart', 'getResourcePath', 'putMetadata']) {
          if (typeof FilesystemStore.prototype[method] !== 'function') {
            throw new Error(`s3rver's FilesystemStore has no ${method}: the durable-writes patch does not fit this s3rver`);
          }
        }

        // Writes the body to the file and resolves once the file stream has finished, with its size and MD5.
        async function writeHashed(content, file) {
          await fs.promises.mkdir(path.dirname(file), { recursive: true });
          const md5 = crypto.createHash('md5');
          let size = 0;
          const hashing = new Transform({
            transform(chunk, encoding, done) {
              md5.update(chunk);
              size += chunk.length;
              done(null, chunk);
            },
          });
          const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
          await pipeline(source, hashing, fs.createWriteStream(file));
          return { size, md5: md5.digest('hex') };
        }

        FilesystemStore.prototype.putObject = async function putObject(object) {
          const written = await writeHashed(object.content, this.getResourcePath(object.bucket, object.key, 'object'));
          await this.putMetadata(object.bucket, object.key, object.metadata, written.md5);
          return written;
        };

        FilesystemStore.prototype.putPart = async function putPart(bucket, uploadId, partNumber, content) {
          const file = path.join(this.getResourcePath(bucket, undefined, 'uploads'), uploadId, String(partNumber));
          const written = await writeHashed(content, file);
          await fs.promises.writeFile(`${file}.md5`, written.md5);
          return written;
        };

        """;

    /// <summary>The file <paramref name="command"/> on PATH, or null.</summary>
    internal static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists);
}
