using System.IO.Compression;
using System.Security.Cryptography;
using MnistEmr.Job.Train;

namespace MnistEmr.Bench;

/// <summary>
/// <c>cpu-load</c>: trains the source's training split as the job does, once quiet and once while busy processes
/// (one per core by default) compete for the cores, and prints both times and their ratio. A training's threads wait
/// for each other dozens of times a round, so on a shared node its time depends on how they wait
/// (<see cref="OpenMpWaitPolicy"/>) and on how many there are (<c>--threads</c>); this command measures both.
/// </summary>
internal static class CpuLoadCommand
{
    /// <summary>The most busy processes accepted.</summary>
    public const int MaxBusy = 256;

    public static Command Create(ToolEnvironment environment)
    {
        var common = BenchCli.CommonOptions(environment);
        var trainer = new TrainerOptions();
        var source = StoreOption.Required("--source", "S3|1, the four IDX .gz files; their training split is trained on");
        var threads = ThreadsOption.Create("LightGBM threads of every training, as the job's rows train --threads.");
        var busy = new Option<int>("--busy")
        {
            Description = $"Busy processes competing with the loaded training, 1 to {MaxBusy}. [default: one per core]",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        }.Check(n => n is >= 1 and <= MaxBusy ? null : $"--busy must be from 1 to {MaxBusy}, not {n}");
        var repeats = new Option<int>("--repeats")
        {
            Description = "Quiet and loaded trainings, alternating, 1 to 100; the medians are reported.",
            DefaultValueFactory = _ => 1,
        }.Check(n => n is >= 1 and <= 100 ? null : $"--repeats must be from 1 to 100, not {n}");
        var command = new Command(
            "cpu-load",
            "Trains the source's training split as the job does (same trainer, settings and threads) once quiet and once "
            + "beside --busy processes that never sleep, then prints training-quiet-seconds=, training-loaded-seconds=, "
            + "training-loaded-vs-quiet= and the CPU each used (key=value lines).")
        {
            source, threads, busy, repeats,
        };
        trainer.AddTo(command);
        return common.Bind(command, environment, (parse, log, cancellationToken) =>
        {
            var options = new CpuLoadOptions(
                StoreOption.Read(parse, source), parse.GetValue(threads), parse.GetValue(busy), parse.GetValue(repeats), trainer.Read(parse), common.S3(parse, environment));
            return RunAsync(options, environment, log, cancellationToken);
        });
    }

    /// <summary>Measures what <paramref name="options"/> ask; prints key=value lines and returns the exit code.</summary>
    public static async Task<int> RunAsync(CpuLoadOptions options, ToolEnvironment environment, IToolLog log, CancellationToken cancellationToken)
    {
        using var stores = new ObjectStoreFactory(options.S3);
        var digits = (await SourceReader.ReadSplitAsync(stores.Open(options.Source), DatasetSplit.Train, log, cancellationToken)).Labeled("train/");

        // The first fit in a process also pays for JIT compilation and for loading LightGBM and its thread pool: a
        // small one first, so neither side of the comparison carries that.
        Train(digits.Take(Math.Min(digits.Count, 200)).ToList(), options.Trainer with { Iterations = 1 }, options.Threads);

        var quiet = new List<Training>();
        var loaded = new List<Training>();
        var busyCpu = 0.0;
        for (var i = 0; i < options.Repeats; i++)
        {
            log.Info($"quiet training {i + 1} of {options.Repeats} on {digits.Count} digits");
            quiet.Add(Train(digits, options.Trainer, options.Threads));
            using var load = await BusyProcesses.StartAsync(options.Busy, cancellationToken);
            log.Info($"loaded training {i + 1} of {options.Repeats}, beside {options.Busy} busy processes ({string.Join(' ', load.Ids)})");
            var before = load.CpuSeconds;
            loaded.Add(Train(digits, options.Trainer, options.Threads));
            busyCpu += load.CpuSeconds - before;
        }

        var quietSeconds = Median(quiet.Select(t => t.Seconds));
        var loadedSeconds = Median(loaded.Select(t => t.Seconds));
        var models = quiet.Concat(loaded).Select(t => t.ModelContent).Distinct().ToList();
        var lines = new (string Key, FormattableString Value)[]
        {
            ("cores", $"{Environment.ProcessorCount}"),
            ("threads", $"{quiet[0].Threads}"),
            ("busy-processes", $"{options.Busy}"),
            ("omp-wait-policy", $"{OpenMpWaitPolicy.Current ?? "(unset)"}"),
            ("train-digits", $"{digits.Count}"),
            ("repeats", $"{options.Repeats}"),
            ("training-quiet-seconds", $"{quietSeconds:F1}"),
            ("training-loaded-seconds", $"{loadedSeconds:F1}"),
            ("training-loaded-vs-quiet", $"{loadedSeconds / quietSeconds:F2}"),
            ("training-quiet-cpu-seconds", $"{Median(quiet.Select(t => t.CpuSeconds)):F1}"),
            ("training-loaded-cpu-seconds", $"{Median(loaded.Select(t => t.CpuSeconds)):F1}"),
            ("busy-cpu-seconds", $"{busyCpu / options.Repeats:F1}"),
            ("models-identical", $"{models.Count == 1}"),
            ("model-content-sha256", $"{models[0]}"),
        };
        KeyValueLines.Write(environment.Out, lines);

        return 0;
    }

    /// <summary>
    /// One training as the job's train stage runs it: wall seconds as its model card records them (featurizing and
    /// fitting), the process's CPU seconds over the whole call, and a hash of the model's content.
    /// </summary>
    private static Training Train(IReadOnlyList<LabeledDigit> digits, TrainerSettings settings, int? threads)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var ml = new MLContext(settings.Seed);
        var trainer = new MnistTrainer(ml, threads);
        var result = trainer.Train(digits, settings);
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        using var zip = new MemoryStream();
        DigitModel.Save(ml, result, zip);
        return new Training(result.Duration.TotalSeconds, cpuSeconds, trainer.Threads, ContentHash(zip.ToArray()));
    }

    /// <summary>
    /// SHA-256 over the zip's entry names and contents in name order: the zip's own bytes also hold each entry's
    /// time of writing, so two saves of one model differ there.
    /// </summary>
    private static string ContentHash(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in archive.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(entry.FullName + "\n"));
            using var content = entry.Open();
            using var buffer = new MemoryStream();
            content.CopyTo(buffer);
            hash.AppendData(BitConverter.GetBytes(buffer.Length));
            hash.AppendData(buffer.ToArray());
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Training(double Seconds, double CpuSeconds, int Threads, string ModelContent);
}

/// <summary>What <c>cpu-load</c> was asked to measure, parsed from its command line.</summary>
/// <param name="Source">S3|1, the four IDX .gz files.</param>
/// <param name="Threads">LightGBM threads; null for every core, as the job's default.</param>
/// <param name="Busy">Busy processes beside each loaded training.</param>
/// <param name="Repeats">Quiet and loaded pairs; the medians are reported.</param>
/// <param name="Trainer">The trainer settings.</param>
/// <param name="S3">How to reach S3.</param>
internal sealed record CpuLoadOptions(StoreLocation Source, int? Threads, int Busy, int Repeats, TrainerSettings Trainer, S3Settings S3);
