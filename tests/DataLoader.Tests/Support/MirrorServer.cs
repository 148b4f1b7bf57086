using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MnistEmr.DataLoader.Tests.Support;

/// <summary>
/// A real HTTP server on loopback (Kestrel) with named mirrors under <c>/{mirror}/{file}</c>, each with a behaviour:
/// serve files, answer a fixed status, fail first then serve, or hang.
/// </summary>
public sealed class MirrorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, string, Task>> mirrors = new();
    private readonly ConcurrentDictionary<string, int> attempts = new();
    private readonly CancellationTokenSource stopping = new();

    private MirrorServer(WebApplication app)
    {
        this.app = app;
    }

    public ConcurrentQueue<string> Requests { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<MirrorServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var server = new MirrorServer(builder.Build());
        server.app.Run(server.HandleAsync);
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        server.BaseUrl = address.TrimEnd('/');
        return server;
    }

    public string MirrorUrl(string mirror) => $"{BaseUrl}/{mirror}/";

    public int RequestCount(string mirror) => Requests.Count(r => r.StartsWith($"/{mirror}/", StringComparison.Ordinal));

    public MirrorServer Serve(string mirror, IReadOnlyDictionary<string, byte[]> files)
    {
        mirrors[mirror] = (context, file) => files.TryGetValue(file, out var bytes) ? WriteAsync(context, bytes) : StatusAsync(context, 404);
        return this;
    }

    public MirrorServer Status(string mirror, int status)
    {
        mirrors[mirror] = (context, _) => StatusAsync(context, status);
        return this;
    }

    /// <summary>Answers 500 to the first <paramref name="failures"/> requests for each file, then serves it.</summary>
    public MirrorServer FailFirst(string mirror, int failures, IReadOnlyDictionary<string, byte[]> files)
    {
        mirrors[mirror] = (context, file) => attempts.AddOrUpdate($"{mirror}/{file}", 1, (_, n) => n + 1) <= failures
            ? StatusAsync(context, 500)
            : WriteAsync(context, files[file]);
        return this;
    }

    /// <summary>Never answers: no status line, no headers.</summary>
    public MirrorServer Hang(string mirror)
    {
        mirrors[mirror] = (context, _) => HangAsync(context);
        return this;
    }

    /// <summary>Sends headers and the first bytes of the body, then stalls.</summary>
    public MirrorServer HangMidBody(string mirror, IReadOnlyDictionary<string, byte[]> files)
    {
        mirrors[mirror] = async (context, file) =>
        {
            var bytes = files[file];
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await context.Response.Body.FlushAsync();
            await HangAsync(context);
        };
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue(path);
        var parts = path.Trim('/').Split('/', 2);
        return parts.Length == 2 && mirrors.TryGetValue(parts[0], out var behaviour)
            ? behaviour(context, parts[1])
            : StatusAsync(context, 404);
    }

    private async Task HangAsync(HttpContext context)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, both.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }

    private static async Task WriteAsync(HttpContext context, byte[] bytes)
    {
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    private static Task StatusAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
