using System.Net;
using System.Net.Sockets;
using MnistEmr.Bench;
using MnistEmr.Job.Tests.Shared.Cli;

namespace MnistEmr.Job.Tests.Bench;

/// <summary>
/// The developer tool mnist-emr-bench's typed commands, prepare-sample and bench, moved out of the job binary with
/// their tests (they were JobCliTests').
/// </summary>
[TestFixture]
public class BenchCliTests
{
    [Test]
    public async Task Help_Root_ListsTheDeveloperCommands()
    {
        var run = await CliRun.RunBenchAsync("--help");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Does.Contain("prepare-sample").And.Contain("bench").And.Contain("4 data integrity"));
    }

    [TestCase("prepare-sample")]
    [TestCase("bench")]
    [TestCase("read")]
    [TestCase("cpu-load")]
    public async Task Help_EachCommand_ExitsZeroWithOptions(string command)
    {
        var run = await CliRun.RunBenchAsync($"{command} --help");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Does.Contain("--verbose"));
    }

    [Test]
    public async Task Variables_AreTheBenchToolsOwn()
    {
        var run = await CliRun.RunBenchAsync("bench --help");

        Assert.That(run.Out, Does.Contain("[env: MNIST_BENCH_TIMEOUT]").And.Not.Contain("MNIST_JOB_"));
    }

    [Test]
    public async Task Variable_NotANumber_IsAUsageErrorNamingIt()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunBenchAsync(
            $"bench --source {RealSample.Source} --work {temp.Sub("work")}", new Dictionary<string, string> { ["MNIST_BENCH_RETRIES"] = "many" });

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.StartWith("error: ").And.Contain("MNIST_BENCH_RETRIES must be a whole number; got 'many'"));
        Assert.That(Directory.Exists(temp.Sub("work")), Is.False, "nothing run");
    }

    [Test]
    public async Task Bench_ExplodeTargetNotALocation_IsAUsageErrorBeforeAnyRun()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunBenchAsync($"bench --source {RealSample.Source} --work {temp.Sub("work")} --explode-target ftp://bucket/x");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error.Trim(), Does.StartWith("error: --explode-target 'ftp://bucket/x': unknown scheme 'ftp:'"));
        Assert.That(Directory.Exists(temp.Sub("work")), Is.False, "nothing run");
    }

    [Test]
    public async Task PrepareSample_ValueOfTheWrongType_SaysWhatTheOptionTakesNotTheDotNetType()
    {
        var run = await CliRun.RunBenchAsync("prepare-sample --out x --test many");

        run.AssertUsageError("Cannot parse argument 'many' for option '--test': expected a whole number");
        Assert.That(run.Error, Does.Not.Contain("System."));
    }

    // It used to write a local folder named ./s3:/... and exit 0.
    [Test]
    public async Task PrepareSample_OutIsAnS3Uri_IsAUsageErrorAndWritesNothing()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunBenchAsync("prepare-sample --out s3://bucket-1/sample");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error.Trim(), Does.StartWith("error: --out must be a folder"));
        Assert.That(Directory.EnumerateFileSystemEntries(temp.Path), Is.Empty, "nothing written");
        Assert.That(Directory.EnumerateFileSystemEntries(Directory.GetCurrentDirectory()).Where(e => Path.GetFileName(e).StartsWith("s3:", StringComparison.Ordinal)),
            Is.Empty, "no folder named after the URI");
    }

    [Test]
    public async Task PrepareSample_FileNameTakenByAFolder_SaysItIsAFolderNotAccessDenied()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Sub("train-images-idx3-ubyte.gz"));

        var run = await CliRun.RunBenchAsync($"prepare-sample --out {temp.Path} --train 10 --test 10");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error.Trim(), Does.EndWith($"error: cannot write {temp.Sub("train-images-idx3-ubyte.gz")}: it is a folder, not a file"));
        Assert.That(run.Error, Does.Not.Contain("denied"));
    }

    [TestCase("--test 0", "--test must be from 1 to 9999, not 0")]
    [TestCase("--train -5", "--train must be from 1 to 9999, not -5")]
    public async Task PrepareSample_CountOutOfRange_IsRefusedWhileParsing(string option, string message)
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunBenchAsync($"prepare-sample --out {temp.Sub("out")} {option}");

        run.AssertUsageError(message);
        Assert.That(Directory.Exists(temp.Sub("out")), Is.False);
    }

    [Test]
    public async Task PrepareSample_Help_SaysHowTheSplitIsTakenAndItsBound()
    {
        var run = await CliRun.RunBenchAsync("prepare-sample --help");

        string Line(string option) => run.Out.Split('\n').Single(l => l.TrimStart().StartsWith(option, StringComparison.Ordinal));
        Assert.That(Line("--train"), Does.Contain("first").And.Contain("[default: 8000]"));
        Assert.That(Line("--test"), Does.Contain("next").And.Contain("[default: 2000]"));
        Assert.That(run.Out, Does.Contain("--train plus --test at most 10000"));
    }

    [Test]
    public async Task PrepareSample_SmallSplit_WritesFilesTheLoaderDefinitionDescribes()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunBenchAsync($"prepare-sample --out {temp.Path} --train 100 --test 50");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.OutLines, Has.Count.EqualTo(5));
        var definition = DatasetDefinitionParser.Parse(File.ReadAllText(temp.Sub("mnist-sample.json"), Encoding.UTF8), "def");
        Assert.That(definition.Mirrors.Single(), Is.EqualTo(new Uri(temp.Path + "/").AbsoluteUri));
        foreach (var file in definition.Files)
        {
            await using var content = File.OpenRead(temp.Sub(file.Name));
            Assert.DoesNotThrowAsync(() => DatasetFileVerifier.VerifyAsync(file, content, CancellationToken.None));
        }
    }

    [Test]
    public async Task CpuLoad_TinySample_PrintsQuietAndLoadedTimesAndKillsItsBusyProcesses()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("the busy processes are /bin/sh loops");
        }

        var run = await CliRun.RunBenchAsync($"cpu-load --source {RealSample.Source} --iterations 2 --threads 1 --busy 1");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Value("threads"), Is.EqualTo("1"));
        Assert.That(run.Value("busy-processes"), Is.EqualTo("1"));
        Assert.That(run.Value("train-digits"), Is.EqualTo(RealSample.Train.ToString(CultureInfo.InvariantCulture)));
        foreach (var key in new[] { "training-quiet-seconds", "training-loaded-seconds", "training-loaded-vs-quiet", "training-quiet-cpu-seconds", "training-loaded-cpu-seconds", "busy-cpu-seconds" })
        {
            Assert.That(double.TryParse(run.Value(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0, Is.True, $"{key}={run.Value(key)}");
        }

        Assert.That(run.Value("models-identical"), Is.EqualTo("True"), "the load changes the time, never the model");
        Assert.That(run.Value("model-content-sha256"), Does.Match("^[0-9a-f]{64}$"));
        var ids = Regex.Match(run.Error, @"beside 1 busy processes \((\d+)\)");
        Assert.That(ids.Success, Is.True, run.Error);
        Assert.That(() => Process.GetProcessById(int.Parse(ids.Groups[1].Value, CultureInfo.InvariantCulture)), Throws.ArgumentException, "the busy process was killed");
    }

    [TestCase("--busy 0", "--busy must be from 1 to 256, not 0")]
    [TestCase("--threads 0", "--threads must be from 1 to 1024, not 0")]
    [TestCase("--repeats 0", "--repeats must be from 1 to 100, not 0")]
    public async Task CpuLoad_CountOutOfRange_IsAUsageErrorBeforeAnyWork(string option, string message)
    {
        var run = await CliRun.RunBenchAsync($"cpu-load --source {RealSample.Source} {option}");

        run.AssertUsageError(message);
        Assert.That(run.Out, Is.Empty);
    }

    // The entry point, not the test process, puts the policy in place: the built tool is run as its own process, and
    // the value it prints is read back through libc's getenv, where libgomp reads it.
    [TestCase(null, "PASSIVE")]
    [TestCase("ACTIVE", "ACTIVE")]
    public async Task CpuLoad_BuiltTool_StartsWithPassiveWaitPolicyUnlessTheUserSetOne(string? users, string expected)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("the busy processes are /bin/sh loops");
        }

        var start = new ProcessStartInfo(Path.Combine(TestContext.CurrentContext.TestDirectory, "mnist-emr-bench"))
        {
            ArgumentList = { "cpu-load", "--source", RealSample.Source, "--iterations", "1", "--threads", "1", "--busy", "1" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("OMP_WAIT_POLICY");
        if (users is not null)
        {
            start.Environment["OMP_WAIT_POLICY"] = users;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);

        Assert.That(process.ExitCode, Is.EqualTo(0), $"{output}\n{await error}");
        Assert.That(output.Split('\n').Select(l => l.Trim()), Does.Contain($"omp-wait-policy={expected}"));
    }

    // read: the only timing claim is the proxy's own (one GET at a time through a proxy holding each for 40 ms cannot
    // beat 25 per second); the speed itself is the benchmark's to measure, not the tests'.
    [Test]
    public async Task Read_TinyTree_MeasuresBothPathsAtEachLatencyComparesEveryObjectAndStopsItsS3rver()
    {
        _ = RepositoryFiles.NodeAndS3rver();

        var run = await CliRun.RunBenchAsync($"read --source {RealSample.Source} --digits 10 --latency-ms 0,40 --in-flight 4 --one-at-a-time-objects 5");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var header = Pairs(run.OutLines[0]);
        Assert.That(header["read-objects"], Is.EqualTo("20"), "a .png and a .txt per digit");
        Assert.That(header["read-server"], Is.EqualTo("s3rver-started-here"));
        var lines = run.OutLines.Skip(1).Select(Pairs).ToList();
        Assert.That(lines.Select(l => l["read-latency-ms"]), Is.EqualTo(new[] { "0", "40" }));
        foreach (var line in lines)
        {
            Assert.That(line["in-flight"], Is.EqualTo("4"));
            Assert.That(line["verified-objects"], Is.EqualTo("25"), "5 one at a time and all 20 with 4 in flight, each compared with what explode wrote");
            Assert.That(Number(line["one-at-a-time-objects-per-second"]), Is.GreaterThan(0));
            Assert.That(Number(line["concurrent-objects-per-second"]), Is.GreaterThan(0));
            Assert.That(line["server-cpu-us-per-object"], Is.Not.EqualTo("n/a"), "the s3rver started here is measured");
        }

        Assert.That(Number(lines[1]["one-at-a-time-objects-per-second"]), Is.LessThanOrEqualTo(1000.0 / 40), "each GET held 40 ms");
        var port = int.Parse(Regex.Match(run.Error, @"s3rver started on http://127\.0\.0\.1:(\d+)/").Groups[1].Value, CultureInfo.InvariantCulture);
        using var probe = new TcpClient();
        Assert.Throws<SocketException>(() => probe.Connect(IPAddress.Loopback, port), "s3rver stopped");
    }

    [Test]
    public async Task Read_Endpoint_WritesAndReadsThereAndStartsNoServer()
    {
        using var server = S3rverProcess.Start();

        var run = await CliRun.RunBenchAsync(
            $"read --source {RealSample.Source} --digits 4 --latency-ms 5 --in-flight 2 --one-at-a-time-objects 2 --endpoint {server.Endpoint} --target s3://{S3rverProcess.Bucket}/bench");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(Pairs(run.OutLines[0])["read-server"], Is.EqualTo(server.Endpoint.AbsoluteUri));
        Assert.That(Pairs(run.OutLines[1])["server-cpu-us-per-object"], Is.EqualTo("n/a"), "a server not started here is not measured");
        Assert.That(run.Error, Does.Not.Contain("s3rver started"));
        using var stores = new ObjectStoreFactory(S3rverSettings.For(server));
        var keys = await stores.Open(StoreLocation.Parse($"s3://{S3rverProcess.Bucket}/bench", "--target")).ListAsync(string.Empty, CancellationToken.None).ToListAsync();
        Assert.That(keys.Count(k => k.StartsWith("read-", StringComparison.Ordinal) && k.EndsWith(".png", StringComparison.Ordinal)), Is.EqualTo(4));
    }

    [TestCase("--target /tmp/read-tree", "error: --target '/tmp/read-tree' must be s3://bucket/prefix")]
    [TestCase("--latency-ms 20,soon", "error: --latency-ms must be whole numbers of milliseconds from 0 to 10000, comma-separated, not '20,soon'")]
    [TestCase("--in-flight 0", "error: --in-flight must be from 1 to 1024, not 0")]
    public async Task Read_BadOption_IsAUsageErrorBeforeAnyServerStarts(string option, string message)
    {
        var run = await CliRun.RunBenchAsync($"read --source {RealSample.Source} {option}");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error.Trim(), Does.StartWith(message));
        Assert.That(run.Error, Does.Not.Contain("s3rver started"));
    }

    [Test]
    public void ReadVerify_BytesDiffer_IsAnIntegrityFailureNamingTheKey()
    {
        var written = new Dictionary<string, byte[]> { ["a/1.png"] = [1, 2, 3], ["a/1.txt"] = "7\n"u8.ToArray() };

        Assert.DoesNotThrow(() => ReadCommand.Verify(["a/1.png", "a/1.txt"], [[1, 2, 3], "7\n"u8.ToArray()], written, "test"));
        var error = Assert.Throws<ToolException>(() => ReadCommand.Verify(["a/1.png", "a/1.txt"], [[1, 2, 3], "1\n"u8.ToArray()], written, "test"))!;
        Assert.That(error.ExitCode, Is.EqualTo(ExitCode.IntegrityFailure));
        Assert.That(error.Message, Does.Contain("a/1.txt").And.Contain("differ"));
    }

    [Test]
    public void ReadVerify_ObjectMissing_IsAnIntegrityFailure()
    {
        var written = new Dictionary<string, byte[]> { ["a/1.png"] = [1, 2, 3] };

        var error = Assert.Throws<ToolException>(() => ReadCommand.Verify(["a/1.png"], [null], written, "test"))!;

        Assert.That(error.ExitCode, Is.EqualTo(ExitCode.IntegrityFailure));
        Assert.That(error.Message, Does.Contain("a/1.png was written but not found"));
    }

    private static Dictionary<string, string> Pairs(string line) =>
        line.Split(' ').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
