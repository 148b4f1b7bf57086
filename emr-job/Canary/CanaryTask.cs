namespace MnistEmr.Job.Canary;

/// <summary>
/// The checks one canary task runs on its executor before any heavy step: the job process starts (and sees its
/// heap limit), LightGBM's native library loads and trains, and S3 answers as the later steps need it (task 0 also
/// verifies S3|1 against the loader's manifest and writes the probe tree). A failed check is a row, never an
/// exception: the verdict sees every failure of every slot at once.
/// </summary>
/// <param name="source">S3|1, the loader's files and manifest.</param>
/// <param name="formatA">S3|2.</param>
/// <param name="models">S3|4.</param>
/// <param name="reports">S3|3.</param>
/// <param name="log">Progress lines.</param>
/// <param name="sourceMustBeReadOnly">
/// Whether to prove that S3|1 refuses a write (the instance profile may only read it): true on AWS, false against
/// an S3-compatible endpoint or folders, which have no IAM to refuse anything.
/// </param>
internal sealed class CanaryTask(IObjectStore source, IObjectStore formatA, IObjectStore models, IObjectStore reports, IToolLog log, bool sourceMustBeReadOnly = false)
{
    /// <summary>Where each task's probe objects go, under each written node: under '_' so no step ever reads them.</summary>
    public static string ProbeKey(string runId, int task) => $"_canary/{runId}/task-{task}.probe";

    /// <summary>Runs the checks of task <paramref name="task"/>.</summary>
    public async Task<IReadOnlyList<CanaryCheck>> RunAsync(int task, string runId, CancellationToken cancellationToken)
    {
        var checks = new List<CanaryCheck>
        {
            new(task, CanaryCheck.JobProcess, true,
                $"mnist-emr-job {LibraryVersions.All()["mnist-emr-job"]} on {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}, "
                + $"{Environment.ProcessorCount} vCPUs, managed heap limit {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024)} MiB, host {Environment.MachineName}"),
            TrainTinyModel(task),
        };

        foreach (var (node, store) in new[] { (PipelineNodes.FormatA, formatA), (PipelineNodes.Model, models), (PipelineNodes.Report, reports) })
        {
            checks.Add(await CheckedAsync(task, CanaryCheck.Write(node), () => RoundTripAsync(store, ProbeKey(runId, task), cancellationToken)));
        }

        if (sourceMustBeReadOnly)
        {
            checks.Add(await ReadOnlyAsync(task, source, ProbeKey(runId, task), cancellationToken));
        }

        if (task == 0)
        {
            checks.Add(await CheckedAsync(task, CanaryCheck.SourceManifest, () => VerifySourceAsync(cancellationToken)));
            checks.Add(await CheckedAsync(task, CanaryCheck.ProbeTree, () => WriteProbeTreeAsync(runId, cancellationToken)));
        }

        log.Info($"rows canary: task {task}: {checks.Count(c => c.Passed)} of {checks.Count} checks passed on {Environment.MachineName}");
        // The host of every row: the verdict counts the nodes that ran checks.
        return checks.Select(c => c with { Host = Environment.MachineName }).ToList();
    }

    // LightGBM is a native library with its own runtime dependencies (libgomp): load it and train, as train will.
    private static CanaryCheck TrainTinyModel(int task)
    {
        try
        {
            var digits = Enumerable.Range(0, 40).Select(i =>
            {
                var pixels = new byte[MnistFiles.PixelCount];
                pixels[(i % 10) * 70] = 255;
                pixels[((i % 10) * 70) + 1] = 200;
                return new LabeledDigit($"canary/{i}", i % 10, pixels, []);
            }).ToList();
            var result = new MnistTrainer(new MLContext(seed: 1)).Train(digits, new TrainerSettings(Iterations: 2, Leaves: 4, MinExamplesPerLeaf: 1));
            return new CanaryCheck(task, CanaryCheck.LightGbm, true, $"trained on {result.TrainingCount} digits in {result.Duration.TotalSeconds:F1} s");
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or InvalidOperationException or TypeInitializationException)
        {
            return new CanaryCheck(task, CanaryCheck.LightGbm, false, OneLine(ex));
        }
    }

    private static async Task<string> RoundTripAsync(IObjectStore store, string key, CancellationToken cancellationToken)
    {
        var probe = RandomNumberGenerator.GetBytes(1024);
        await store.PutAsync(key, probe, cancellationToken);
        var back = await store.GetAsync(key, cancellationToken);
        if (back is null || !back.AsSpan().SequenceEqual(probe))
        {
            throw ToolException.Integrity($"{store.UriFor(key)} read back {(back is null ? "nothing" : $"{back.Length} other bytes")}");
        }

        await store.DeleteAsync(key, cancellationToken);
        return $"wrote, read back and deleted {store.UriFor(key)}";
    }

    // The instance profile reads S3|1 and writes only S3|2, S3|4 and S3|3: a write to S3|1 must be denied.
    private static async Task<CanaryCheck> ReadOnlyAsync(int task, IObjectStore store, string key, CancellationToken cancellationToken)
    {
        try
        {
            await store.PutAsync(key, "canary"u8.ToArray(), cancellationToken);
        }
        catch (ToolException ex) when (ex.InnerException is Amazon.S3.AmazonS3Exception { StatusCode: System.Net.HttpStatusCode.Forbidden })
        {
            return new CanaryCheck(task, CanaryCheck.ReadOnlySource, true, $"a write to {store.UriFor(key)} was denied, as it should be");
        }
        catch (ToolException ex)
        {
            return new CanaryCheck(task, CanaryCheck.ReadOnlySource, false, $"a write to {store.UriFor(key)} failed, but not as denied: {OneLine(ex)}");
        }

        await store.DeleteAsync(key, cancellationToken);
        return new CanaryCheck(task, CanaryCheck.ReadOnlySource, false,
            $"the instance profile could write {store.UriFor(key)} (deleted again); it should only read S3|1");
    }

    private async Task<string> VerifySourceAsync(CancellationToken cancellationToken)
    {
        var bytes = await source.GetAsync(DatasetDefinitionValidator.ManifestName, cancellationToken)
            ?? throw ToolException.Integrity($"{source.UriFor(DatasetDefinitionValidator.ManifestName)} does not exist: the data loader has not finished");
        var manifest = ManifestSerializer.TryDeserialize(bytes)
            ?? throw ToolException.Integrity($"{source.UriFor(DatasetDefinitionValidator.ManifestName)} is not a loader manifest");
        foreach (var name in new[] { DatasetSplit.Train, DatasetSplit.Test }.SelectMany(s => new[] { MnistFiles.ImagesOf(s), MnistFiles.LabelsOf(s) }))
        {
            var entry = manifest.Files.FirstOrDefault(f => f.Name == name)
                ?? throw ToolException.Integrity($"the manifest lists no {name}");
            // The loader's own size and SHA-256 checks, against the manifest it wrote.
            using var content = new MemoryStream(await SourceReader.GetRequiredAsync(source, name, cancellationToken), writable: false);
            await DatasetFileVerifier.VerifyDigestAsync(name, entry.Bytes, entry.Sha256, content, cancellationToken);
        }

        return $"{manifest.Files.Count} files match {source.UriFor(DatasetDefinitionValidator.ManifestName)}";
    }

    private async Task<string> WriteProbeTreeAsync(string runId, CancellationToken cancellationToken)
    {
        var objects = CanaryProbeTree.Objects(runId);
        foreach (var (key, content) in objects)
        {
            await formatA.PutAsync(key, content, cancellationToken);
        }

        return $"{objects.Count} objects under {formatA.UriFor(CanaryProbeTree.Root(runId))}";
    }

    private static async Task<CanaryCheck> CheckedAsync(int task, string probe, Func<Task<string>> check)
    {
        try
        {
            return new CanaryCheck(task, probe, true, await check());
        }
        catch (Exception ex) when (ex is ToolException or ToolException)
        {
            return new CanaryCheck(task, probe, false, OneLine(ex));
        }
    }

    private static string OneLine(Exception ex) => string.Join(' ', ex.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
