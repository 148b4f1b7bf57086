using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MnistEmr.DataLoader.Io;

/// <summary>
/// Downloads over http(s). Each attempt (headers and body) runs under a timeout; server errors, throttling,
/// timeouts and connection failures are retried with exponential backoff; a 404 or other client error fails at once
/// so the caller moves to the next mirror.
/// </summary>
internal sealed class HttpMirrorClient : IMirrorClient
{
    private readonly HttpClient http;
    private readonly TimeSpan timeout;
    private readonly ResiliencePipeline pipeline;

    /// <summary>Creates the client.</summary>
    /// <param name="http">The HTTP client; its own timeout should be infinite, the pipeline enforces <paramref name="timeout"/>.</param>
    /// <param name="timeout">Time allowed for one attempt, headers and body.</param>
    /// <param name="retries">Retries after the first attempt for transient failures.</param>
    /// <param name="retryDelay">Base delay of the exponential backoff.</param>
    public HttpMirrorClient(HttpClient http, TimeSpan timeout, int retries, TimeSpan retryDelay)
    {
        this.http = http;
        this.timeout = timeout;
        var builder = new ResiliencePipelineBuilder();
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<TransientStatusException>(),
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retryDelay,
            });
        }

        pipeline = builder.AddTimeout(timeout).Build();
    }

    /// <inheritdoc />
    public bool Supports(Uri source) => source.Scheme == Uri.UriSchemeHttp || source.Scheme == Uri.UriSchemeHttps;

    /// <inheritdoc />
    public async Task DownloadAsync(Uri source, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.ExecuteAsync(
                async token =>
                {
                    destination.SetLength(0);
                    using var response = await http.GetAsync(source, HttpCompletionOption.ResponseHeadersRead, token);
                    if (!response.IsSuccessStatusCode)
                    {
                        var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
                        throw IsTransient(response.StatusCode) ? new TransientStatusException(status) : new MirrorException(status);
                    }

                    await using var body = await response.Content.ReadAsStreamAsync(token);
                    await StreamCopy.CopyAsync(body, destination, progress, token);
                },
                cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new MirrorException($"timed out after {timeout.TotalSeconds:0.###} s", ex);
        }
        catch (TransientStatusException ex)
        {
            throw new MirrorException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new MirrorException(ex.InnerException?.Message ?? ex.Message, ex);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    /// <summary>A status worth retrying; becomes a <see cref="MirrorException"/> once retries run out.</summary>
    private sealed class TransientStatusException(string message) : Exception(message);
}
