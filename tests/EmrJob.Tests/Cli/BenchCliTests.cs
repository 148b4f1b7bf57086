using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MnistEmr.Common.SourceData;
using MnistJob.Tests.Support;

namespace MnistJob.Tests.Cli;

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

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo("error: Cannot parse argument 'many' for option '--test': expected a whole number (see --help)"));
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

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo($"error: {message} (see --help)"));
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

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo($"error: {message} (see --help)"));
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
}
