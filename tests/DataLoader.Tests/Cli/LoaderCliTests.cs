using System.Text;
using MnistEmr.DataLoader.Cli;

namespace MnistEmr.DataLoader.Tests.Cli;

/// <summary>End to end through the command line: real HTTP mirrors on loopback, a local folder target.</summary>
[TestFixture]
public sealed class LoaderCliTests
{
    private MirrorServer server = null!;
    private TempFolder temp = null!;
    private TestDataset dataset = null!;

    private string Target => temp.Sub("target");

    [SetUp]
    public async Task SetUp()
    {
        server = await MirrorServer.StartAsync();
        temp = new TempFolder();
        dataset = TestDataset.Mnistlike();
    }

    [TearDown]
    public async Task TearDown()
    {
        await server.DisposeAsync();
        temp.Dispose();
    }

    [Test]
    public async Task Help_Always_ExplainsEveryOptionAndExitCode()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        foreach (var option in new[] { "--target", "--dataset", "--mirror", "--endpoint", "--region", "--timeout", "--retries", "--verbose" })
        {
            Assert.That(run.Out, Does.Contain(option));
        }

        Assert.That(run.Out, Does.Contain("MNIST_LOADER_TARGET").And.Contain("Exit codes:").And.Contain("4    data integrity failure"));
    }

    [Test]
    public async Task Run_GoodMirror_WritesVerifiedFilesAndManifestAndPrintsUris()
    {
        server.Serve("good", dataset.Files);

        var run = await RunAsync($"--mirror {server.MirrorUrl("good")}");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.OutLines, Is.EqualTo(dataset.Files.Keys.Append("manifest.json").Select(n => new Uri(Path.Combine(Target, n)).AbsoluteUri)));
        foreach (var (name, bytes) in dataset.Files)
        {
            Assert.That(await File.ReadAllBytesAsync(Path.Combine(Target, name)), Is.EqualTo(bytes), name);
        }

        var manifest = ManifestSerializer.TryDeserialize(await File.ReadAllBytesAsync(Path.Combine(Target, "manifest.json")))!;
        Assert.That(manifest.Dataset, Is.EqualTo("tiny-mnist"));
        Assert.That(manifest.CreatedUtc, Is.EqualTo(CliRun.Now));
        Assert.That(manifest.Files, Is.EqualTo(dataset.Definition.Files.Select(f =>
            new ManifestEntry(f.Name, f.Bytes, f.Sha256, server.MirrorUrl("good") + f.Name))));
        Assert.That(TempFolder.ListFiles(Target), Has.Count.EqualTo(5));
    }

    [Test]
    public async Task Run_SecondTime_DownloadsAndUploadsNothingAndSaysSo()
    {
        server.Serve("good", dataset.Files);
        await RunAsync($"--mirror {server.MirrorUrl("good")}");
        var requests = server.Requests.Count;
        var manifestBefore = await File.ReadAllBytesAsync(Path.Combine(Target, "manifest.json"));
        var writeTimes = Directory.GetFiles(Target).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var run = await RunAsync($"--mirror {server.MirrorUrl("good")}");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Error, Does.Contain("already complete").And.Contain("nothing downloaded or uploaded"));
        Assert.That(run.OutLines, Has.Count.EqualTo(5));
        Assert.That(server.Requests.Count, Is.EqualTo(requests));
        Assert.That(await File.ReadAllBytesAsync(Path.Combine(Target, "manifest.json")), Is.EqualTo(manifestBefore));
        Assert.That(Directory.GetFiles(Target).ToDictionary(f => f, File.GetLastWriteTimeUtc), Is.EqualTo(writeTimes));
    }

    [TestCase("404")]
    [TestCase("500")]
    [TestCase("hang")]
    [TestCase("corrupt")]
    public async Task Run_FirstMirrorFails_FallsThroughToSecondMirror(string failure)
    {
        Arrange(failure, "first");
        server.Serve("second", dataset.Files);

        var run = await RunAsync($"--mirror {server.MirrorUrl("first")} --mirror {server.MirrorUrl("second")} --timeout 1 --retries 0");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(server.RequestCount("first"), Is.EqualTo(4));
        Assert.That(run.Error, Does.Contain("trying the next mirror"));
        Assert.That(TempFolder.ListFiles(Target), Has.Count.EqualTo(5));
    }

    [TestCase("404", ExitCode.RemoteFailure, "HTTP 404 Not Found")]
    [TestCase("500", ExitCode.RemoteFailure, "HTTP 500 Internal Server Error")]
    [TestCase("hang", ExitCode.RemoteFailure, "timed out after 1 s")]
    [TestCase("corrupt", ExitCode.IntegrityFailure, "SHA-256 check failed")]
    public async Task Run_EveryMirrorFails_ExitsWithClearErrorAndWritesNothing(string failure, ExitCode expected, string reason)
    {
        Arrange(failure, "first");
        Arrange(failure, "second");

        var run = await RunAsync($"--mirror {server.MirrorUrl("first")} --mirror {server.MirrorUrl("second")} --timeout 1 --retries 0");

        Assert.That(run.ExitCode, Is.EqualTo((int)expected), run.ToString());
        Assert.That(run.ErrorLines[^1], Does.StartWith($"error: {TestDataset.TrainImages}: no mirror served a valid copy: {server.MirrorUrl("first")}"));
        Assert.That(run.ErrorLines[^1], Does.Contain(reason).And.Contain(server.MirrorUrl("second")));
        Assert.That(run.Out, Is.Empty);
        Assert.That(TempFolder.ListFiles(Target), Is.Empty);
    }

    [Test]
    public async Task Run_ServerErrorWithRetries_RetriesEachFileBeforeFailing()
    {
        server.Status("broken", 500);

        var run = await RunAsync($"--mirror {server.MirrorUrl("broken")} --retries 2");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.RemoteFailure), run.ToString());
        Assert.That(server.RequestCount("broken"), Is.EqualTo(3));
        Assert.That(run.ErrorLines[^1], Is.EqualTo(
            $"error: {TestDataset.TrainImages}: {server.MirrorUrl("broken")}{TestDataset.TrainImages} -> HTTP 500 Internal Server Error"));
    }

    [Test]
    public async Task Run_WrongChecksum_ExitsIntegrityFailureNamingFileAndBothChecksums()
    {
        var bytes = dataset.Files[TestDataset.TrainLabels].ToArray();
        bytes[^5] ^= 0xFF;
        server.Serve("bad", new TestDataset().AddLabels(TestDataset.TrainLabels, bytes, 2).Files
            .Concat(dataset.Files.Where(f => f.Key != TestDataset.TrainLabels)).ToDictionary());

        var run = await RunAsync($"--mirror {server.MirrorUrl("bad")}");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.IntegrityFailure), run.ToString());
        Assert.That(run.ErrorLines[^1], Is.EqualTo(
            $"error: {TestDataset.TrainLabels}: SHA-256 check failed: expected {TestDataset.Sha256Of(dataset.Files[TestDataset.TrainLabels])}, "
            + $"found {TestDataset.Sha256Of(bytes)} (from {server.MirrorUrl("bad")}{TestDataset.TrainLabels})"));
        Assert.That(TempFolder.ListFiles(Target), Is.Empty);
    }

    [Test]
    public async Task Run_TruncatedGzip_ExitsIntegrityFailureAndWritesNothing()
    {
        var whole = Idx.Gzip(Idx.Images(40, 10, 10));
        dataset = new TestDataset()
            .AddImages(TestDataset.TrainImages, whole[..(whole.Length / 2)], count: 40, labels: TestDataset.TrainLabels, rows: 10, cols: 10)
            .AddLabels(TestDataset.TrainLabels, Idx.GzipLabels(40), count: 40);

        await RunFailsIntegrityAndWritesNothing($"error: {TestDataset.TrainImages}: gzip check failed");
    }

    [Test]
    public async Task Run_NotIdx_ExitsIntegrityFailureAndWritesNothing()
    {
        dataset = new TestDataset()
            .AddLabels(TestDataset.TrainLabels, Idx.GzipLabels(2), count: 2)
            .AddImages(TestDataset.TrainImages, Idx.Gzip("<html>hello</html>"u8.ToArray()), count: 2);

        await RunFailsIntegrityAndWritesNothing($"error: {TestDataset.TrainImages}: IDX magic check failed: expected 0x00000803");
    }

    [Test]
    public async Task Run_ImageAndLabelCountsDisagree_ExitsIntegrityFailureAndWritesNothing()
    {
        dataset = new TestDataset()
            .AddImages(TestDataset.TrainImages, Idx.GzipImages(2), count: null, labels: TestDataset.TrainLabels)
            .AddLabels(TestDataset.TrainLabels, Idx.GzipLabels(3), count: null);

        await RunFailsIntegrityAndWritesNothing($"error: {TestDataset.TrainImages}: images/labels count");
    }

    [TestCase("--bogus", "Unrecognized command or argument '--bogus'")]
    [TestCase("--target", "Required argument missing for option: '--target'")]
    [TestCase("--timeout 5", "--target is required")]
    [TestCase("--target ftp://host/x", "unknown scheme 'ftp:'; give s3://bucket/prefix")]
    [TestCase("--target s3:/bucket-1/x", "not a valid S3 URI: write s3://bucket/prefix")]
    [TestCase("--target file://relative/dir", "names the host 'relative'")]
    [TestCase("--target /tmp/x --timeout 0", "--timeout must be between 1 and 3600, got 0")]
    [TestCase("--target /tmp/x --timeout soon", "soon")]
    [TestCase("--target /tmp/x --retries 99", "--retries must be between 0 and 10, got 99")]
    [TestCase("--target /tmp/x --mirror not-a-url", "--mirror: mirror 'not-a-url' is not an absolute http, https or file URL")]
    [TestCase("--target s3://bucket-1/x --endpoint ftp://x", "--endpoint 'ftp://x' is not an absolute http or https URL")]
    [TestCase("--target /tmp/x --dataset /nonexistent/def.json", "cannot read dataset definition /nonexistent/def.json")]
    public async Task Run_BadArgument_ExitsUsageErrorWithOneLine(string arguments, string message)
    {
        var run = await CliRun.RunAsync(arguments);

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.UsageError), run.ToString());
        Assert.That(run.ErrorLines, Has.Count.EqualTo(1));
        Assert.That(run.ErrorLines[0], Does.StartWith("error: ").And.Contain(message));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public async Task Run_ValueOfTheWrongType_SaysWhatTheOptionTakesNotTheDotNetType()
    {
        var run = await CliRun.RunAsync("--target /tmp/x --timeout soon");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.UsageError), run.ToString());
        Assert.That(run.ErrorLines.Single(), Is.EqualTo("error: Cannot parse argument 'soon' for option '--timeout': expected a whole number (see --help)"));
    }

    [Test]
    public async Task Run_DatasetIsAFolder_SaysSoNotAccessDenied()
    {
        var folder = Directory.CreateDirectory(temp.Sub("def.json")).FullName;

        var run = await CliRun.RunAsync($"--target {Target} --dataset {folder}");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.UsageError), run.ToString());
        Assert.That(run.ErrorLines.Single(), Is.EqualTo($"error: cannot read dataset definition {folder}: it is a folder, not a file"));
    }

    [Test]
    public async Task Run_FileMirrorHoldsAFolderWhereAFileIsExpected_SaysSoNotAccessDenied()
    {
        var mirror = temp.Sub("mirror");
        foreach (var (name, bytes) in dataset.Files)
        {
            Directory.CreateDirectory(mirror);
            await File.WriteAllBytesAsync(Path.Combine(mirror, name), bytes);
        }

        File.Delete(Path.Combine(mirror, TestDataset.TrainLabels));
        Directory.CreateDirectory(Path.Combine(mirror, TestDataset.TrainLabels));

        var run = await CliRun.RunAsync($"--target {Target} --dataset {dataset.WriteDefinition(temp.Path)} --mirror {new Uri(mirror + "/").AbsoluteUri} --retries 0");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.RemoteFailure), run.ToString());
        Assert.That(run.ErrorLines[^1], Does.StartWith("error: ").And.EndWith("it is a folder, not a file"));
        Assert.That(run.Error, Does.Not.Contain("denied"));
    }

    [Test]
    public async Task Version_PrintsTheInformationalVersion()
    {
        var run = await CliRun.RunAsync("--version");

        run.AssertPrintsVersion();
    }

    [Test]
    public async Task Run_InvalidDefinition_ExitsUsageErrorAndWritesNothing()
    {
        var path = temp.Sub("bad.json");
        await File.WriteAllTextAsync(path, """{"name":"x","mirrors":["https://m/"],"files":[{"name":"a.gz","bytes":1,"sha256":"nope","kind":"labels"}]}""");

        var run = await CliRun.RunAsync($"--target {Target} --dataset {path}");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.UsageError), run.ToString());
        Assert.That(run.ErrorLines[^1], Does.Contain("sha256 must be 64 lowercase hex digits"));
        Assert.That(TempFolder.ListFiles(Target), Is.Empty);
    }

    [Test]
    public async Task Run_Verbose_AddsStackTraceAfterTheErrorLine()
    {
        server.Status("missing", 404);

        var run = await RunAsync($"--mirror {server.MirrorUrl("missing")} --verbose");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.RemoteFailure));
        Assert.That(run.Error, Does.Contain("error: ").And.Contain("MnistEmr.Common.Cli.ToolException").And.Contain(" at "));
    }

    [Test]
    public async Task Run_SettingsFromEnvironment_UsesTargetDatasetAndMirrors()
    {
        var mirror = temp.Sub("mirror");
        Directory.CreateDirectory(mirror);
        foreach (var (name, bytes) in dataset.Files)
        {
            await File.WriteAllBytesAsync(Path.Combine(mirror, name), bytes);
        }

        var run = await CliRun.RunAsync(string.Empty, new Dictionary<string, string>
        {
            [LoaderOptions.TargetVariable] = new Uri(Target).AbsoluteUri,
            [LoaderOptions.DatasetVariable] = dataset.WriteDefinition(temp.Path),
            [LoaderOptions.MirrorsVariable] = $"{server.MirrorUrl("absent")}, {new Uri(mirror + "/").AbsoluteUri}",
        });

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(TempFolder.ListFiles(Target), Is.EqualTo(dataset.Files.Keys.Append("manifest.json").Order(StringComparer.Ordinal)));
    }

    [Test]
    public async Task Run_InterruptedAfterTwoFiles_LeavesNoPartialFileOrManifestAndNextRunCompletes()
    {
        server.Serve("good", dataset.Files);
        using var cancel = new CancellationTokenSource();
        var target = new RecordingTarget(new FolderObjectStore(new FolderStoreLocation(Target)), cancel, writesBeforeCancel: 2);
        using var http = new HttpClient();
        var loader = new DatasetLoader(
            new HttpMirrorClient(http, TimeSpan.FromSeconds(5), 0, TimeSpan.Zero), target, new PlainToolLog(TextWriter.Null, TimeSpan.FromSeconds(1)), TimeProvider.System);

        Assert.CatchAsync<OperationCanceledException>(() => loader.LoadAsync(dataset.Definition, [server.MirrorUrl("good")], cancel.Token));

        Assert.That(TempFolder.ListFiles(Target), Is.EqualTo(dataset.Files.Keys.Take(2).Order(StringComparer.Ordinal)));
        var requestsBefore = server.Requests.Count;

        var run = await RunAsync($"--mirror {server.MirrorUrl("good")}");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(server.Requests.Count - requestsBefore, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("already at").And.Contain("Uploaded 2 of 4 files"));
        Assert.That(TempFolder.ListFiles(Target), Has.Count.EqualTo(5));
    }

    [Test]
    public async Task Run_Always_WritesManifestLast()
    {
        server.Serve("good", dataset.Files);
        var target = new RecordingTarget(new FolderObjectStore(new FolderStoreLocation(Target)));
        using var http = new HttpClient();
        var loader = new DatasetLoader(
            new HttpMirrorClient(http, TimeSpan.FromSeconds(5), 0, TimeSpan.Zero), target, new PlainToolLog(TextWriter.Null, TimeSpan.FromSeconds(1)), TimeProvider.System);

        await loader.LoadAsync(dataset.Definition, [server.MirrorUrl("good")], CancellationToken.None);

        Assert.That(target.Puts, Is.EqualTo(dataset.Files.Keys.Append("manifest.json")));
    }

    [Test]
    public async Task Run_ObjectChangedAtTarget_ReplacesItAndRewritesManifest()
    {
        server.Serve("good", dataset.Files);
        await RunAsync($"--mirror {server.MirrorUrl("good")}");
        await File.WriteAllTextAsync(Path.Combine(Target, TestDataset.TestLabels), "tampered");

        var run = await RunAsync($"--mirror {server.MirrorUrl("good")}");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(await File.ReadAllBytesAsync(Path.Combine(Target, TestDataset.TestLabels)), Is.EqualTo(dataset.Files[TestDataset.TestLabels]));
        Assert.That(run.Error, Does.Contain("Uploaded 1 of 4 files"));
    }

    [Test]
    public void BundledDefinition_IsTheCanonicalMnist()
    {
        var definition = DatasetDefinitionParser.Parse(File.ReadAllText(LoaderSettings.DefaultDatasetPath), "mnist.json");

        Assert.That(definition.Name, Is.EqualTo("mnist"));
        Assert.That(definition.Mirrors, Is.EqualTo(new[] { "https://ossci-datasets.s3.amazonaws.com/mnist/", "https://storage.googleapis.com/cvdf-datasets/mnist/" }));
        Assert.That(definition.Files.Select(f => (f.Name, f.Bytes, f.Sha256, f.Count)), Is.EqualTo(new[]
        {
            ("train-images-idx3-ubyte.gz", 9912422L, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", (int?)60000),
            ("train-labels-idx1-ubyte.gz", 28881L, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", (int?)60000),
            ("t10k-images-idx3-ubyte.gz", 1648877L, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", (int?)10000),
            ("t10k-labels-idx1-ubyte.gz", 4542L, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", (int?)10000),
        }));
    }

    private void Arrange(string failure, string mirror)
    {
        switch (failure)
        {
            case "404":
                server.Status(mirror, 404);
                break;
            case "500":
                server.Status(mirror, 500);
                break;
            case "hang":
                server.Hang(mirror);
                break;
            case "corrupt":
                server.Serve(mirror, dataset.Files.ToDictionary(f => f.Key, f => f.Value.Select(b => (byte)(b ^ 1)).ToArray()));
                break;
        }
    }

    [TestCase("maybe")]
    [TestCase("yes please")]
    [TestCase("enabled")]
    public async Task Run_VerboseVariableNeitherOnNorOff_IsUsageErrorNamingIt(string value)
    {
        await RunIsRefusedBeforeAnyDownload(
            LoaderOptions.VerboseVariable, value, $"error: MNIST_LOADER_VERBOSE must be true/false, yes/no, on/off or 1/0 (or unset); got '{value}'");
    }

    [TestCase("MNIST_LOADER_TIMEOUT", "soon", "error: MNIST_LOADER_TIMEOUT must be a whole number (or unset); got 'soon'")]
    [TestCase("MNIST_LOADER_RETRIES", "2.5", "error: MNIST_LOADER_RETRIES must be a whole number (or unset); got '2.5'")]
    [TestCase("MNIST_LOADER_TIMEOUT", "0", "error: --timeout must be between 1 and 3600, got 0")]
    [TestCase("MNIST_LOADER_RETRIES", "11", "error: --retries must be between 0 and 10, got 11")]
    public async Task Run_NumberVariableBad_IsUsageErrorBeforeAnyDownload(string variable, string value, string line)
    {
        await RunIsRefusedBeforeAnyDownload(variable, value, line);
    }

    [Test]
    public async Task Run_OptionOnTheCommandLine_WinsOverItsVariable()
    {
        server.Serve("good", dataset.Files);

        var run = await CliRun.RunAsync(
            $"--target {Target} --dataset {dataset.WriteDefinition(temp.Path)} --mirror {server.MirrorUrl("good")} --timeout 0",
            new Dictionary<string, string> { [LoaderOptions.TimeoutVariable] = "30", [LoaderOptions.MirrorsVariable] = "not-a-url" });

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.ErrorLines.Single(), Is.EqualTo("error: --timeout must be between 1 and 3600, got 0"), "the option's value, not the variable's; the option's mirror, not the variable's");
    }

    [TestCase("0")]
    [TestCase("FALSE")]
    [TestCase("")]
    public async Task Run_VerboseVariableOff_Runs(string value)
    {
        server.Serve("good", dataset.Files);

        var run = await CliRun.RunAsync(
            $"--target {Target} --dataset {dataset.WriteDefinition(temp.Path)} --mirror {server.MirrorUrl("good")}",
            new Dictionary<string, string> { [LoaderOptions.VerboseVariable] = value });

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
    }

    [Test]
    public async Task Run_TargetUnderAFile_FailsBeforeDownloadingNamingIt()
    {
        server.Serve("good", dataset.Files);
        var blocker = temp.Sub("a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var target = Path.Combine(blocker, "target");

        var run = await CliRun.RunAsync($"--target {target} --dataset {dataset.WriteDefinition(temp.Path)} --mirror {server.MirrorUrl("good")}");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.ErrorLines.Last(), Does.StartWith($"error: {target} is not writable: "));
        Assert.That(server.Requests, Is.Empty, "nothing downloaded");
    }

    /// <summary>Serves <see cref="dataset"/> as the good mirror and runs the loader: it must fail the integrity check
    /// with <paramref name="error"/> as its last line and leave the target empty.</summary>
    private async Task RunFailsIntegrityAndWritesNothing(string error)
    {
        server.Serve("good", dataset.Files);

        var run = await RunAsync($"--mirror {server.MirrorUrl("good")}");

        Assert.That(run.ExitCode, Is.EqualTo((int)ExitCode.IntegrityFailure), run.ToString());
        Assert.That(run.ErrorLines[^1], Does.StartWith(error));
        Assert.That(TempFolder.ListFiles(Target), Is.Empty);
    }

    /// <summary>Runs the loader against the good mirror with <paramref name="variable"/> set to <paramref name="value"/>:
    /// it must be a usage error whose one line is <paramref name="line"/>, before any download.</summary>
    private async Task RunIsRefusedBeforeAnyDownload(string variable, string value, string line)
    {
        server.Serve("good", dataset.Files);

        var run = await CliRun.RunAsync(
            $"--target {Target} --dataset {dataset.WriteDefinition(temp.Path)} --mirror {server.MirrorUrl("good")}",
            new Dictionary<string, string> { [variable] = value });

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.ErrorLines.Single(), Is.EqualTo(line));
        Assert.That(server.Requests, Is.Empty, "refused before any download");
    }

    private Task<CliRun> RunAsync(string extra) =>
        CliRun.RunAsync($"--target {Target} --dataset {dataset.WriteDefinition(temp.Path)} {extra}");

    [Test]
    public void Variables_ArePublishedNamesOfTheSharedScheme()
    {
        // The names users and scripts set; built by EnvironmentFallback, pinned here so a change of scheme shows.
        Assert.That(
            new[] { LoaderOptions.TargetVariable, LoaderOptions.DatasetVariable, LoaderOptions.MirrorsVariable, LoaderOptions.EndpointVariable,
                LoaderOptions.RegionVariable, LoaderOptions.TimeoutVariable, LoaderOptions.RetriesVariable, LoaderOptions.VerboseVariable },
            Is.EqualTo(new[] { "MNIST_LOADER_TARGET", "MNIST_LOADER_DATASET", "MNIST_LOADER_MIRRORS", "MNIST_LOADER_ENDPOINT",
                "MNIST_LOADER_REGION", "MNIST_LOADER_TIMEOUT", "MNIST_LOADER_RETRIES", "MNIST_LOADER_VERBOSE" }));
    }
}
