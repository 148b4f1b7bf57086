using System.Net;
using System.Net.Sockets;
using MnistEmr.Bench;

namespace MnistEmr.Job.Tests.Bench;

/// <summary>
/// The read benchmark's latency proxy (mnist-emr-bench, bench/LatencyProxy.cs) between a raw client
/// socket and a raw upstream socket, so every byte either way is seen: each request is held at least the latency,
/// and requests and answers pass unchanged (the Host header the client signed for included).
/// </summary>
[TestFixture]
public class LatencyProxyTests
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(150);

    [Test]
    public async Task Requests_OnOneConnection_AreEachHeldForTheLatencyAndForwardedUnchanged()
    {
        using var upstream = new TcpListener(IPAddress.Loopback, 0);
        upstream.Start();
        using var proxy = LatencyProxy.Start(new Uri($"http://127.0.0.1:{((IPEndPoint)upstream.LocalEndpoint).Port}/"), Latency);
        // A body larger than the proxy's buffer, so part of it is streamed after the head.
        var put = Request($"PUT /bucket/a/b.png HTTP/1.1\r\nHost: {proxy.Endpoint.Authority}\r\nAuthorization: AWS4-HMAC-SHA256 x\r\nContent-Length: 100000\r\n\r\n", RandomNumberGenerator.GetBytes(100_000));
        var get = Request($"GET /bucket/a/b.txt HTTP/1.1\r\nHost: {proxy.Endpoint.Authority}\r\n\r\n", []);
        var answers = new[] { Answer(RandomNumberGenerator.GetBytes(300_000)), Answer("7"u8.ToArray()) };
        var server = Task.Run(async () =>
        {
            using var socket = await upstream.AcceptSocketAsync();
            var received = new List<Received>();
            foreach (var (expected, answer) in new[] { (put, answers[0]), (get, answers[1]) })
            {
                received.Add(await ReceiveAsync(socket, expected.Length));
                await socket.SendAsync(answer);
            }

            return received;
        });

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, proxy.Endpoint.Port);
        var sent = new List<long>();
        var replies = new List<byte[]>();
        foreach (var (request, answer) in new[] { (put, answers[0]), (get, answers[1]) })
        {
            sent.Add(Stopwatch.GetTimestamp());
            await client.SendAsync(request);
            replies.Add((await ReceiveAsync(client, answer.Length)).Bytes);
        }

        var upstreamSaw = await server.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(upstreamSaw[0].Bytes, Is.EqualTo(put), "the PUT, Host header and body, arrives as sent");
        Assert.That(upstreamSaw[1].Bytes, Is.EqualTo(get));
        Assert.That(replies, Is.EqualTo(answers), "the answers come back as the server sent them");
        for (var i = 0; i < sent.Count; i++)
        {
            Assert.That(Stopwatch.GetElapsedTime(sent[i], upstreamSaw[i].FirstByteAt), Is.GreaterThanOrEqualTo(Latency), $"request {i} held");
        }

        Assert.That(proxy.Requests, Is.EqualTo(2));
    }

    [Test]
    public async Task ChunkedRequest_IsRefusedAndNothingReachesTheServer()
    {
        using var upstream = new TcpListener(IPAddress.Loopback, 0);
        upstream.Start();
        using var proxy = LatencyProxy.Start(new Uri($"http://127.0.0.1:{((IPEndPoint)upstream.LocalEndpoint).Port}/"), TimeSpan.Zero);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, proxy.Endpoint.Port);
        await client.SendAsync(Encoding.ASCII.GetBytes("PUT /b/k HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n"));

        using var forwarded = await upstream.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var buffer = new byte[64];
        Assert.That(await forwarded.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(TimeSpan.FromSeconds(30)), Is.Zero, "the upstream connection closes without a byte");
        // As a server does when its client has finished: then the proxy closes the client's side too.
        forwarded.Shutdown(SocketShutdown.Both);
        Assert.That(await client.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(TimeSpan.FromSeconds(30)), Is.Zero, "the client's connection is closed");
        Assert.That(proxy.Requests, Is.Zero);
    }

    [Test]
    public void Start_HttpsUpstream_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => LatencyProxy.Start(new Uri("https://127.0.0.1:1/"), Latency));
    }

    private static byte[] Request(string head, byte[] body) => [.. Encoding.ASCII.GetBytes(head), .. body];

    private static byte[] Answer(byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n"), .. body];

    private static async Task<Received> ReceiveAsync(Socket socket, int length)
    {
        var bytes = new byte[length];
        var count = 0;
        long firstByteAt = 0;
        while (count < length)
        {
            var read = await socket.ReceiveAsync(bytes.AsMemory(count)).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            if (read == 0)
            {
                Assert.Fail($"connection closed after {count} of {length} bytes");
            }

            firstByteAt = count == 0 ? Stopwatch.GetTimestamp() : firstByteAt;
            count += read;
        }

        return new Received(bytes, firstByteAt);
    }

    private sealed record Received(byte[] Bytes, long FirstByteAt);
}
