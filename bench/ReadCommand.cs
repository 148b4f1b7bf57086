using System.Collections.Concurrent;
using MnistEmr.Job.Explode;
using MnistEmr.Job.Shared.FormatA;

namespace MnistEmr.Bench;

/// <summary>
/// <c>read</c>: how fast one process reads FORMAT A's small objects from S3, today's way against the new one. It
/// explodes the first <c>--digits</c> training digits of the source into an S3-compatible server through the job's
/// own explode (s3rver from node_modules, started and stopped here, unless <c>--endpoint</c> names one), then, for
/// each <c>--latency-ms</c>, reads them back through a <see cref="LatencyProxy"/> that holds every request that long:
/// one GET after another (<see cref="ObjectFetch.GetOneAtATimeAsync"/>, Spark's <c>binaryFile</c> scan) and with
/// <c>--in-flight</c> GETs at once (<see cref="ObjectFetch.GetAllAsync"/>). Every object read is compared byte for
/// byte with what explode wrote; a difference fails the command (exit 4).
/// </summary>
internal static class ReadCommand
{
    /// <summary>The latencies measured when none are given: S3's small-GET first-byte latency is tens of milliseconds.</summary>
    public const string DefaultLatencies = "20,50";

    /// <summary>The longest latency the proxy may add, in milliseconds.</summary>
    public const int MaxLatencyMs = 10_000;

    public static Command Create(ToolEnvironment environment)
    {
        var common = BenchCli.CommonOptions(environment);
        var source = StoreOption.Required("--source", "S3|1, the four IDX .gz files; the first --digits training digits are exploded");
        var digits = new Option<int>("--digits")
        {
            Description = "Training digits exploded into FORMAT A; each is two objects (.png and .txt).",
            DefaultValueFactory = _ => 2000,
            HelpName = "count",
        }.Check(n => n is >= 1 and <= 60_000 ? null : $"--digits must be from 1 to 60000, not {n}");
        var latencies = new Option<string>("--latency-ms")
        {
            Description = $"Milliseconds the proxy holds each request, comma-separated (0 to {MaxLatencyMs}); each is measured in turn.",
            DefaultValueFactory = _ => DefaultLatencies,
            HelpName = "ms[,ms...]",
        }.Check(text => ParseLatencies(text) is null ? $"--latency-ms must be whole numbers of milliseconds from 0 to {MaxLatencyMs}, comma-separated, not '{text}'" : null);
        var inFlight = new Option<int?>("--in-flight")
        {
            Description = "GETs in flight at once on the concurrent path. [default: the S3 store's MaxConcurrency, 32]",
            HelpName = "count",
        }.Check(n => n is null or (>= 1 and <= 1024) ? null : $"--in-flight must be from 1 to 1024, not {n}");
        var oneAtATime = new Option<int>("--one-at-a-time-objects")
        {
            Description = "Objects the one-at-a-time path reads (the tree's first, in key order): each costs a whole round trip, so a sample keeps runs short.",
            DefaultValueFactory = _ => 400,
            HelpName = "count",
        }.Check(n => n >= 1 ? null : $"--one-at-a-time-objects must be at least 1, not {n}");
        var target = new Option<string?>("--target")
        {
            Description = $"Where the tree is written (under a new prefix): s3://bucket/prefix. [default: s3://{LocalS3rver.Bucket}/read; the s3rver "
                + "started here is given its bucket, with --endpoint it must exist]",
            HelpName = "uri",
        };
        var command = new Command(
            "read",
            "Measures reading FORMAT A's small objects through a loopback proxy that adds a fixed latency to every request: "
            + "one GET at a time (Spark's binaryFile scan) against --in-flight GETs at once (the job's ObjectFetch), objects per "
            + "second of this one process, and its CPU time per object. Starts s3rver from node_modules unless --endpoint is given. "
            + "Every object read is compared with what was written (exit 4 when one differs). Prints key=value lines.")
        {
            source, digits, latencies, inFlight, oneAtATime, target,
        };
        return common.Bind(command, environment, (parse, log, cancellationToken) =>
        {
            var location = parse.GetValue(target) is { } text
                ? StoreLocation.Parse(text, target.Name) as S3StoreLocation
                    ?? throw ToolException.Usage($"--target '{text}' must be s3://bucket/prefix: the reads go to an S3-compatible server")
                : new S3StoreLocation(LocalS3rver.Bucket, "read/");
            var options = new ReadOptions(
                StoreOption.Read(parse, source),
                location,
                parse.GetValue(digits),
                ParseLatencies(parse.GetValue(latencies)!)!,
                parse.GetValue(inFlight),
                parse.GetValue(oneAtATime),
                common.S3(parse, environment));
            return RunAsync(options, environment, log, cancellationToken);
        });
    }

    /// <summary>Measures as <paramref name="options"/> ask; prints key=value lines and returns the exit code.</summary>
    /// <exception cref="ToolException">Exit 4 when an object read differs from what was written.</exception>
    public static async Task<int> RunAsync(ReadOptions options, ToolEnvironment environment, IToolLog log, CancellationToken cancellationToken)
    {
        DigitSet all;
        using (var sources = new ObjectStoreFactory(options.S3))
        {
            all = await SourceReader.ReadSplitAsync(sources.Open(options.Source), DatasetSplit.Train, log, cancellationToken);
        }

        if (options.Digits > all.Count)
        {
            throw ToolException.Usage($"--digits {options.Digits} is more than the {all.Count} training digits of {options.Source.UriFor(string.Empty)}");
        }

        var digits = new DigitSet(all.Pixels[..(options.Digits * MnistFiles.PixelCount)].ToArray(), all.Labels[..options.Digits].ToArray());

        using var started = options.S3.Endpoint is null ? await LocalS3rver.StartAsync(options.Target.Bucket, environment.SearchRoots, cancellationToken) : null;
        var settings = started is null ? options.S3 : options.S3 with { Endpoint = started.Endpoint, Credentials = LocalS3rver.Credentials };
        log.Info(started is null ? $"reading from {settings.Endpoint}" : $"s3rver started on {started.Endpoint}");

        // A new prefix per run: a bucket is not emptied as cheaply as a folder, and runs must not read each other's objects.
        var location = options.Target.Child($"read-{Guid.NewGuid():N}");
        var fillWatch = Stopwatch.StartNew();
        var written = await FillAsync(digits, settings, location, environment.Clock, cancellationToken);
        var keys = written.Keys.Order(StringComparer.Ordinal).ToList();
        log.Info($"explode wrote {keys.Count} objects ({written.Values.Sum(v => (long)v.Length)} bytes) to {location.UriFor(string.Empty)} in {fillWatch.Elapsed.TotalSeconds:F1} s");

        var sampled = keys.Take(options.OneAtATimeObjects).ToList();
        var pngSizes = written.Where(w => w.Key.EndsWith(FormatAKeys.PngExtension, StringComparison.Ordinal)).Select(w => w.Value.Length).Order().ToList();
        Line(environment, [
            ("cores", $"{Environment.ProcessorCount}"),
            ("load-average", $"{LoadAverage()}"),
            ("read-server", $"{(started is null ? settings.Endpoint!.AbsoluteUri : "s3rver-started-here")}"),
            ("read-objects", $"{keys.Count}"),
            ("read-bytes", $"{written.Values.Sum(v => (long)v.Length)}"),
            ("read-png-bytes-median", $"{pngSizes[pngSizes.Count / 2]}"),
            ("read-png-bytes-range", $"{pngSizes[0]}..{pngSizes[^1]}"),
            ("read-fill-seconds", $"{fillWatch.Elapsed.TotalSeconds:F1}"),
            ("read-one-at-a-time-objects", $"{sampled.Count}"),
        ]);

        await WarmUpAsync(settings, location, keys, written, options.InFlight, cancellationToken);
        foreach (var latencyMs in options.LatenciesMs)
        {
            Line(environment, await MeasureAtAsync(latencyMs, settings, location, keys, sampled, written, options.InFlight, started, log, cancellationToken));
        }

        return 0;
    }

    /// <summary>Both paths through a proxy holding each request <paramref name="latencyMs"/>; the line of key=value pairs to print.</summary>
    private static async Task<IEnumerable<(string Key, FormattableString Value)>> MeasureAtAsync(
        int latencyMs,
        S3Settings settings,
        StoreLocation location,
        IReadOnlyList<string> keys,
        IReadOnlyList<string> sampled,
        IReadOnlyDictionary<string, byte[]> written,
        int? inFlightOption,
        LocalS3rver? server,
        IToolLog log,
        CancellationToken cancellationToken)
    {
        using var proxy = LatencyProxy.Start(settings.Endpoint!, TimeSpan.FromMilliseconds(latencyMs));
        // The client talks to the proxy, so it signs for the proxy's Host, which the proxy forwards unchanged.
        using var readers = new ObjectStoreFactory(settings with { Endpoint = proxy.Endpoint });
        var store = readers.Open(location);
        var inFlight = inFlightOption ?? store.MaxConcurrency;

        // Each path's connections are opened untimed, just before it runs: the server closes idle ones after a few
        // seconds (node's keep-alive timeout), so connections opened before the one-at-a-time run would be gone after it.
        var first = keys.Take(1).ToList();
        Verify(first, await ObjectFetch.GetOneAtATimeAsync(store, first, cancellationToken), written, "connect");
        var one = await MeasureAsync(proxy, server, sampled, written, "one at a time", () => ObjectFetch.GetOneAtATimeAsync(store, sampled, cancellationToken));
        var connect = keys.Take(inFlight).ToList();
        Verify(connect, await ObjectFetch.GetAllAsync(store, connect, inFlight, cancellationToken), written, "connect");
        var many = await MeasureAsync(proxy, server, keys, written, $"{inFlight} in flight", () => ObjectFetch.GetAllAsync(store, keys, inFlight, cancellationToken));
        log.Info($"latency {latencyMs} ms: {one.ObjectsPerSecond:F1} objects/s one at a time, {many.ObjectsPerSecond:F0} with {inFlight} in flight "
            + $"({proxy.Connections} connections, {proxy.Requests} requests through the proxy)");
        return [
            ("read-latency-ms", $"{latencyMs}"),
            ("one-at-a-time-objects-per-second", $"{one.ObjectsPerSecond:F1}"),
            ("concurrent-objects-per-second", $"{many.ObjectsPerSecond:F0}"),
            ("speedup", $"{many.ObjectsPerSecond / one.ObjectsPerSecond:F1}"),
            ("in-flight", $"{inFlight}"),
            ("latency-bound-objects-per-second", $"{(latencyMs == 0 ? "n/a" : (inFlight * 1000.0 / latencyMs).ToString("F0", CultureInfo.InvariantCulture))}"),
            ("one-at-a-time-cpu-us-per-object", $"{Micros(one.ClientCpu, one.Objects)}"),
            ("concurrent-cpu-us-per-object", $"{Micros(many.ClientCpu, many.Objects)}"),
            ("proxy-cpu-us-per-object", $"{Micros(many.ProxyCpu, many.Objects)}"),
            ("server-cpu-us-per-object", $"{Micros(many.ServerCpu, many.Objects)}"),
            ("concurrent-busy-cores", $"{(many.BusyCores is { } busy ? busy.ToString("F2", CultureInfo.InvariantCulture) : "n/a")}"),
            ("verified-objects", $"{one.Objects + many.Objects}"),
            ("load-average", $"{LoadAverage()}"),
        ];
    }

    /// <summary>
    /// Fails with exit 4 unless every one of <paramref name="read"/> is the bytes <paramref name="written"/> holds for
    /// its key (same order as <paramref name="keys"/>).
    /// </summary>
    /// <param name="keys">The keys read.</param>
    /// <param name="read">What was read for each, null for a missing object.</param>
    /// <param name="written">What was written, by key.</param>
    /// <param name="path">Which read this was, for the message.</param>
    /// <exception cref="ToolException">Exit 4 naming the first key whose bytes differ or are missing.</exception>
    public static void Verify(IReadOnlyList<string> keys, IReadOnlyList<byte[]?> read, IReadOnlyDictionary<string, byte[]> written, string path)
    {
        if (read.Count != keys.Count)
        {
            throw ToolException.Integrity($"read ({path}): {read.Count} objects came back for {keys.Count} keys");
        }

        for (var i = 0; i < keys.Count; i++)
        {
            var expected = written[keys[i]];
            if (read[i] is not { } actual)
            {
                throw ToolException.Integrity($"read ({path}): {keys[i]} was written but not found");
            }

            if (!actual.AsSpan().SequenceEqual(expected))
            {
                throw ToolException.Integrity($"read ({path}): {keys[i]} came back as {actual.Length} bytes that differ from the {expected.Length} written");
            }
        }
    }

    /// <summary>The latencies of a <c>--latency-ms</c> value, or null when it is not a list of 0..<see cref="MaxLatencyMs"/>.</summary>
    public static IReadOnlyList<int>? ParseLatencies(string text)
    {
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > MaxLatencyMs)
            {
                return null;
            }

            values.Add(ms);
        }

        return values;
    }

    /// <summary>The first digits of the split exploded through the job's explode (shards side by side, its writes in flight); what was written, by key.</summary>
    private static async Task<IReadOnlyDictionary<string, byte[]>> FillAsync(
        DigitSet digits, S3Settings settings, StoreLocation location, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var stores = new ObjectStoreFactory(settings);
        var recording = new RecordingStore(stores.Open(location));
        var stage = new ExplodeStage(recording, new FormatALayout(new FormatALayoutSettings(LayoutOptions.DefaultSeed)), SilentToolLog.Instance, clock);
        var shards = Math.Min(Environment.ProcessorCount * 2, digits.Count);
        await stage.RunShardsAsync(digits, DatasetSplit.Train, ShardRange.All(shards, digits.Count), cancellationToken);
        // The digits' own objects only: what a reader of FORMAT A fetches one by one (not the plan, marker and manifests).
        return recording.Written
            .Where(w => w.Key.EndsWith(FormatAKeys.PngExtension, StringComparison.Ordinal) || w.Key.EndsWith(FormatAKeys.TxtExtension, StringComparison.Ordinal))
            .ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Reads the whole tree once, untimed, through a proxy without latency: the runtime recompiles a method to its
    /// optimized code in the background a while after it gets hot, for seconds after the first reads (the S3 client's
    /// code is large), and that CPU would otherwise be charged to whichever path is timed first.
    /// </summary>
    private static async Task WarmUpAsync(
        S3Settings settings, StoreLocation location, IReadOnlyList<string> keys, IReadOnlyDictionary<string, byte[]> written, int? inFlight, CancellationToken cancellationToken)
    {
        using var proxy = LatencyProxy.Start(settings.Endpoint!, TimeSpan.Zero);
        using var readers = new ObjectStoreFactory(settings with { Endpoint = proxy.Endpoint });
        var store = readers.Open(location);
        Verify(keys, await ObjectFetch.GetAllAsync(store, keys, inFlight ?? store.MaxConcurrency, cancellationToken), written, "warm-up");
        var some = keys.Take(200).ToList();
        Verify(some, await ObjectFetch.GetOneAtATimeAsync(store, some, cancellationToken), written, "warm-up");
    }

    /// <summary>Times one read of <paramref name="keys"/> and splits the CPU it cost between this process's reading, the proxy and the server.</summary>
    private static async Task<Reading> MeasureAsync(
        LatencyProxy proxy, LocalS3rver? server, IReadOnlyList<string> keys, IReadOnlyDictionary<string, byte[]> written, string path, Func<Task<byte[]?[]>> read)
    {
        using var self = Process.GetCurrentProcess();
        var processBefore = self.TotalProcessorTime;
        var proxyBefore = proxy.CpuTime;
        var serverBefore = server?.CpuTime;
        var watch = Stopwatch.StartNew();
        var contents = await read();
        var wall = watch.Elapsed;
        self.Refresh();
        var processCpu = self.TotalProcessorTime - processBefore;
        var proxyCpu = proxy.CpuTime - proxyBefore;
        var serverCpu = server?.CpuTime - serverBefore;
        Verify(keys, contents, written, path);
        return new Reading(keys.Count, wall, processCpu - (proxyCpu ?? TimeSpan.Zero), proxyCpu, serverCpu);
    }

    private static string Micros(TimeSpan? cpu, int objects) =>
        cpu is { } time ? (time.TotalMicroseconds / objects).ToString("F0", CultureInfo.InvariantCulture) : "n/a";

    private static string LoadAverage()
    {
        // The machine is shared: the load at the start says how much of its two cores others were using.
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static void Line(ToolEnvironment environment, IEnumerable<(string Key, FormattableString Value)> pairs) =>
        environment.Out.WriteLine(string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}")));

    /// <summary>One timed read: objects, wall time, and CPU time of this process (less the proxy's), the proxy and the server.</summary>
    private sealed record Reading(int Objects, TimeSpan Wall, TimeSpan ClientCpu, TimeSpan? ProxyCpu, TimeSpan? ServerCpu)
    {
        public double ObjectsPerSecond => Objects / Wall.TotalSeconds;

        /// <summary>How many cores the reader, the proxy and the server kept busy together; null when a part is unknown.</summary>
        public double? BusyCores => ProxyCpu is { } proxy && ServerCpu is { } server ? (ClientCpu + proxy + server) / Wall : null;
    }

    /// <summary>A store that keeps a copy of every object written through it, for the comparison after the reads.</summary>
    private sealed class RecordingStore(IObjectStore inner) : ForwardingObjectStore(inner)
    {
        private readonly ConcurrentDictionary<string, byte[]> written = new(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, byte[]> Written => written;

        public override async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
        {
            await base.PutAsync(key, content, cancellationToken);
            written[key] = content.ToArray();
        }

        public override Task PutVerifiedAsync(string key, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken) =>
            throw new NotSupportedException("explode writes with PutAsync");
    }
}

/// <summary>What <c>read</c> was asked to measure, parsed from its command line.</summary>
/// <param name="Source">S3|1, the four IDX .gz files.</param>
/// <param name="Target">Where the tree is written, under a new prefix per run.</param>
/// <param name="Digits">Training digits exploded (two objects each).</param>
/// <param name="LatenciesMs">The proxy's latencies, each measured in turn.</param>
/// <param name="InFlight">GETs in flight on the concurrent path; null for the store's <see cref="IObjectStore.MaxConcurrency"/>.</param>
/// <param name="OneAtATimeObjects">Objects the one-at-a-time path reads.</param>
/// <param name="S3">How to reach the server; a null endpoint starts s3rver.</param>
internal sealed record ReadOptions(
    StoreLocation Source,
    S3StoreLocation Target,
    int Digits,
    IReadOnlyList<int> LatenciesMs,
    int? InFlight,
    int OneAtATimeObjects,
    S3Settings S3);
