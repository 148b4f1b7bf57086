using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace MnistEmr.Bench;

/// <summary>
/// A loopback HTTP/1.1 proxy that holds every request for a fixed latency, then forwards its bytes unchanged to one
/// upstream server and streams the answer back as it comes: S3's round trip put in front of a server on the same
/// machine, for <c>read</c>. The bytes are not rewritten, so the Host header the client signed (SigV4) for, the
/// proxy's own address, arrives as signed. Each client connection gets its own upstream connection and a thread per
/// direction, so a request waits for its own latency only, never behind another's. Requests must frame their bodies
/// with Content-Length (a chunked request closes the connection); answers are passed through without parsing.
/// </summary>
internal sealed class LatencyProxy : IDisposable
{
    // Larger than any request head the S3 client sends (a signed GET is well under 2 KiB).
    private const int BufferSize = 64 * 1024;

    private readonly TcpListener listener;
    private readonly IPEndPoint upstream;
    private readonly Thread acceptor;
    private readonly List<Socket> sockets = [];
    private long requests;
    private long connections;
    private long cpuNanoseconds;
    private bool stopped;

    private LatencyProxy(IPEndPoint upstream, TimeSpan latency)
    {
        this.upstream = upstream;
        Latency = latency;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        acceptor = new Thread(Accept) { IsBackground = true, Name = "latency-proxy accept" };
        acceptor.Start();
    }

    /// <summary>Where clients connect: <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>How long each request is held before its first byte is forwarded.</summary>
    public TimeSpan Latency { get; }

    /// <summary>Requests forwarded so far.</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>Client connections accepted so far.</summary>
    public long Connections => Interlocked.Read(ref connections);

    /// <summary>
    /// CPU time the proxy's threads have used so far, so a caller in the same process can take it out of the
    /// process's; null where no per-thread CPU clock is available (only Linux's is read).
    /// </summary>
    public TimeSpan? CpuTime => ThreadCpuClock.Supported ? TimeSpan.FromTicks(Interlocked.Read(ref cpuNanoseconds) / 100) : null;

    /// <summary>Starts a proxy on a free loopback port in front of <paramref name="upstream"/> (plain http).</summary>
    /// <param name="upstream">The server requests go to, e.g. <c>http://127.0.0.1:4569/</c>.</param>
    /// <param name="latency">How long each request is held before it is forwarded.</param>
    public static LatencyProxy Start(Uri upstream, TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        if (upstream.Scheme != Uri.UriSchemeHttp)
        {
            // TLS would need the proxy to terminate it, and then the client would not be talking to the server it signed for.
            throw new ArgumentException($"the latency proxy forwards plain http only, not {upstream.Scheme}", nameof(upstream));
        }

        var address = IPAddress.TryParse(upstream.Host, out var literal) ? literal : Dns.GetHostAddresses(upstream.Host).First();
        return new LatencyProxy(new IPEndPoint(address, upstream.Port), latency);
    }

    /// <summary>Stops accepting and closes every connection; threads blocked on them end.</summary>
    public void Dispose()
    {
        List<Socket> open;
        lock (sockets)
        {
            stopped = true;
            open = [.. sockets];
        }

        listener.Stop();
        foreach (var socket in open)
        {
            socket.Dispose();
        }

        acceptor.Join();
    }

    /// <summary>Where the head of a request ends (after its blank line) in <paramref name="buffered"/>, or -1.</summary>
    internal static int HeadEnd(ReadOnlySpan<byte> buffered)
    {
        var at = buffered.IndexOf("\r\n\r\n"u8);
        return at < 0 ? -1 : at + 4;
    }

    /// <summary>The body length a request head announces: 0 without Content-Length, -1 for a chunked body.</summary>
    internal static long BodyLength(ReadOnlySpan<byte> head)
    {
        long length = 0;
        foreach (var line in Encoding.ASCII.GetString(head).Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && !value.Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                return -1;
            }

            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return length;
    }

    private void Accept()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = listener.AcceptSocket();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            if (!Track(client))
            {
                return;
            }

            Interlocked.Increment(ref connections);
            new Thread(() => Serve(client)) { IsBackground = true, Name = "latency-proxy requests" }.Start();
        }
    }

    /// <summary>Remembers <paramref name="socket"/> for <see cref="Dispose"/>; false (and closes it) once stopped.</summary>
    private bool Track(Socket socket)
    {
        lock (sockets)
        {
            if (!stopped)
            {
                sockets.Add(socket);
                return true;
            }
        }

        socket.Dispose();
        return false;
    }

    private void Forget(Socket socket)
    {
        lock (sockets)
        {
            sockets.Remove(socket);
        }

        socket.Dispose();
    }

    private void Serve(Socket client)
    {
        var cpu = new CpuMeter(this);
        client.NoDelay = true;
        var server = new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (!Track(server))
            {
                return;
            }

            server.Connect(upstream);
            var answers = new Thread(() => Pump(server, client)) { IsBackground = true, Name = "latency-proxy answers" };
            answers.Start();
            try
            {
                ForwardRequests(client, server, cpu);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The client, the server or Dispose closed the connection.
            }

            // No more requests: the server answers what it has, then closes, which ends the answers' thread.
            ShutdownSend(server);
            answers.Join();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The upstream refused the connection, or Dispose closed it: the client sees its connection close.
        }
        finally
        {
            Forget(server);
            Forget(client);
            cpu.Add();
        }
    }

    /// <summary>Reads requests from the client, holds each for the latency, then writes it to the server unchanged.</summary>
    private void ForwardRequests(Socket client, Socket server, CpuMeter cpu)
    {
        var buffer = new byte[BufferSize];
        var count = 0;
        while (true)
        {
            int headEnd;
            while ((headEnd = HeadEnd(buffer.AsSpan(0, count))) < 0)
            {
                var read = count < buffer.Length ? client.Receive(buffer, count, buffer.Length - count, SocketFlags.None) : 0;
                if (read == 0)
                {
                    cpu.Add();
                    return;
                }

                count += read;
            }

            var bodyLength = BodyLength(buffer.AsSpan(0, headEnd));
            if (bodyLength < 0)
            {
                return;
            }

            cpu.Add();
            // The latency, before the server sees a byte of the request: the whole round trip's wait lands on it.
            Thread.Sleep(Latency);
            Interlocked.Increment(ref requests);
            var buffered = (int)Math.Min(bodyLength, count - headEnd);
            server.Send(buffer, 0, headEnd + buffered, SocketFlags.None);
            var remaining = bodyLength - buffered;
            var consumed = headEnd + buffered;
            count -= consumed;
            if (remaining > 0)
            {
                // The rest of the body as it arrives; nothing of the next request can be buffered before it ends.
                while (remaining > 0)
                {
                    var read = client.Receive(buffer, 0, (int)Math.Min(buffer.Length, remaining), SocketFlags.None);
                    if (read == 0)
                    {
                        return;
                    }

                    server.Send(buffer, 0, read, SocketFlags.None);
                    remaining -= read;
                }
            }
            else if (count > 0)
            {
                // The start of the next request, already read.
                Buffer.BlockCopy(buffer, consumed, buffer, 0, count);
            }

            cpu.Add();
        }
    }

    /// <summary>Streams the server's answers to the client as they arrive, then closes the client's side.</summary>
    private void Pump(Socket server, Socket client)
    {
        var cpu = new CpuMeter(this);
        var buffer = new byte[BufferSize];
        try
        {
            int read;
            while ((read = server.Receive(buffer)) > 0)
            {
                client.Send(buffer, 0, read, SocketFlags.None);
                cpu.Add();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Either side closed.
        }
        finally
        {
            // The server closed (an idle keep-alive connection timed out): the client learns it at once.
            ShutdownSend(client);
            cpu.Add();
        }
    }

    private static void ShutdownSend(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }

    /// <summary>Adds the CPU time its thread used since the last call to the proxy's total.</summary>
    private sealed class CpuMeter(LatencyProxy proxy)
    {
        private long last = ThreadCpuClock.Nanoseconds();

        public void Add()
        {
            var now = ThreadCpuClock.Nanoseconds();
            Interlocked.Add(ref proxy.cpuNanoseconds, now - last);
            last = now;
        }
    }
}

/// <summary>The calling thread's CPU time (Linux's <c>CLOCK_THREAD_CPUTIME_ID</c>); 0 elsewhere.</summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Whether <see cref="Nanoseconds"/> reads a real clock.</summary>
    public static bool Supported { get; } = Probe();

    /// <summary>The calling thread's CPU time in nanoseconds.</summary>
    public static long Nanoseconds() => Supported && ClockGetTime(ClockThreadCpuTimeId, out var time) == 0 ? (time.Seconds * 1_000_000_000) + time.Nanoseconds : 0;

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return false;
        }

        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // libc.so.6 rather than "libc": on glibc systems "libc.so" may be a linker script, which dlopen refuses.
    [DllImport("libc.so.6", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out Timespec time);

    // struct timespec on 64-bit Linux: two 64-bit fields.
    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
