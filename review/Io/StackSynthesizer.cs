using HashiCorp.Cdktf;
using MnistEmr.Stacks;

namespace MnistEmr.Review.Io;

/// <summary>
/// Synthesizes the pipeline stack in-process, exactly as <c>cdktf synth</c> does, into <c>cdktf.out/</c>; the caller
/// reads the settings with <see cref="StackContext"/>, as the app does.
/// </summary>
internal static class StackSynthesizer
{
    /// <summary>
    /// Synthesizes and returns the stack folder; a <c>cdk.tf</c> an earlier <c>cdktf synth --hcl</c> left there is
    /// removed (<see cref="StackFolder.Tidy"/>) and <paramref name="log"/> told so.
    /// </summary>
    /// <param name="repositoryRoot">The repository (holds cdktf.json).</param>
    /// <param name="config">The settings.</param>
    /// <param name="log">Where the removal is said.</param>
    /// <param name="cancel">A signal: the review stops at once, without waiting for the synthesis to end.</param>
    /// <exception cref="ToolException">Exit 130 when cancelled; exit 2 when a file the stack needs is missing.</exception>
    public static string Synthesize(string repositoryRoot, PipelineConfig config, TextWriter log, CancellationToken cancel = default)
    {
        var outdir = Path.Combine(repositoryRoot, "cdktf.out");
        Directory.CreateDirectory(outdir);
        try
        {
            var removal = InterruptibleSynthesis.Run(() =>
            {
                var app = new App(new AppConfig { Outdir = outdir });
                new PipelineStack(app, config, repositoryRoot);
                app.Synth();
                return StackFolder.Tidy(outdir, config.StackName).RemovalLine;
            }, cancel);
            if (removal is not null)
                log.WriteLine($"review: {removal}");
        }
        catch (FileNotFoundException e)
        {
            throw new ToolException($"synthesis failed: {e.Message}", ExitCode.UsageError);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Said apart from a cancelled plan: no Terraform ran yet, and the synthesis in cdktf.out/ may be unfinished.
            throw new ToolException("cancelled while synthesizing the stack; no review written, run it again", ExitCode.Cancelled);
        }
        return Path.Combine(outdir, "stacks", config.StackName);
    }

    /// <summary>The repository root: the nearest folder at or above <paramref name="start"/> holding cdktf.json.</summary>
    /// <exception cref="ToolException">There is none.</exception>
    public static string FindRepository(string start) =>
        TryFindRepository(start)
        ?? throw new ToolException($"no cdktf.json in {start} or above: run the review from the repository, or pass --stack-dir or --plan-json", ExitCode.UsageError);

    /// <summary>The repository root as <see cref="FindRepository"/> finds it, or null outside a repository.</summary>
    public static string? TryFindRepository(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, StackContext.ProjectFile)))
                return dir.FullName;
        return null;
    }
}
