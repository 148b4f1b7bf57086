using MnistEmr.Review.Rendering;
using MnistEmr.Stacks;

namespace MnistEmr.Review.Cli;

/// <summary>Runs one review: get a plan (synthesize and plan, plan a given folder, or read a saved plan), analyse, write.</summary>
/// <param name="log">Where progress and notes go (stderr).</param>
/// <param name="getVariable">Reads an environment variable (the tool's environment): the MNIST_EMR_* settings.</param>
internal sealed class ReviewHandler(TextWriter log, Func<string, string?> getVariable)
{
    /// <summary>The result of a run: the report and where it was written.</summary>
    public sealed record Result(ReviewReport Report, string OutputDirectory);

    /// <summary>Reviews as the options say.</summary>
    /// <exception cref="ToolException">Bad input or a failing tool; the message says which.</exception>
    /// <exception cref="InvalidPipelineConfigException">A pipeline setting is invalid.</exception>
    /// <exception cref="InvalidDataException">cdktf.json or CDKTF_CONTEXT_JSON cannot be read.</exception>
    public Result Run(ReviewOptions options, CancellationToken cancel)
    {
        var total = Stopwatch.StartNew();
        var timings = new Dictionary<string, double>();
        // The settings of the stack deploy would deploy: MNIST_EMR_* variables, then the repository's cdktf context, read
        // by the same code as the app's. Outside a repository (a CI artifact with --stack-dir or --plan-json) the folder
        // has no cdktf.json, so only the variables count.
        var repository = StackSynthesizer.TryFindRepository(Directory.GetCurrentDirectory());
        var config = StackContext.ReadConfig(repository ?? Directory.GetCurrentDirectory(), getVariable);
        var offline = options.Offline;
        string subject, planJson;
        string? stack = null;

        if (options.PlanJson is { } planFile)
        {
            if (Directory.Exists(planFile))
                throw ToolException.Usage($"--plan-json {planFile} is a folder: give the file 'terraform show -json <plan file>' wrote (or --stack-dir for a synthesized stack folder)");
            if (!File.Exists(planFile))
                throw ToolException.Usage($"no plan file at {planFile}");
            subject = planFile;
            planJson = File.ReadAllText(planFile);
        }
        else
        {
            string stackDirectory;
            if (options.StackDirectory is { } folder)
            {
                if (!File.Exists(Path.Combine(folder, StackFolder.JsonFile)) && !File.Exists(Path.Combine(folder, StackFolder.HclFile)))
                    throw new ToolException($"{folder} holds no synthesized stack (no cdk.tf.json or cdk.tf): pass a folder under cdktf.out/stacks/", ExitCode.UsageError);
                // Refused here, in one line, rather than by Terraform's duplicate errors for every resource.
                if (StackFolder.Problem(folder) is { } problem)
                    throw ToolException.Usage(problem);
                stackDirectory = Path.GetFullPath(folder);
            }
            else
            {
                var root = repository ?? StackSynthesizer.FindRepository(Directory.GetCurrentDirectory());
                log.WriteLine("review: synthesizing the stack");
                var clock = Stopwatch.StartNew();
                stackDirectory = StackSynthesizer.Synthesize(root, config.WithPublishedJob(root), log, cancel);
                timings["synth"] = clock.Elapsed.TotalSeconds;
            }
            if (!offline && !AwsCredentials.Present())
            {
                log.WriteLine("review: no AWS credentials found, so planning offline with placeholder credentials (pass --offline to ask for this)");
                offline = true;
            }
            subject = stackDirectory;
            // cdktf writes each stack to cdktf.out/stacks/<stack name>/: the folder's name is the stack's.
            stack = Path.GetFileName(Path.TrimEndingDirectorySeparator(stackDirectory));
            var terraform = TerraformRunner.Locate(Path.Combine(Path.GetFullPath(options.OutputDirectory), "terraform"));
            var scratch = Path.Combine(Path.GetFullPath(options.OutputDirectory), "terraform");
            log.WriteLine($"review: terraform init and plan{(options.Destroy ? " -destroy" : "")}{(offline ? " (offline)" : "")} of {stackDirectory}, in a copy under {scratch}");
            planJson = terraform.PlanJson(stackDirectory, offline, options.Destroy, scratch, cancel);
            foreach (var (name, seconds) in terraform.Timings)
                timings[$"terraform {name}"] = seconds;
        }

        var analysis = Stopwatch.StartNew();
        var plan = TerraformPlan.Parse(planJson, subject);
        var report = ReviewReport.Of(plan, new ReviewSettings
        {
            Subject = subject,
            Stack = stack,
            Offline = offline,
            Destroy = options.Destroy,
            AllowedIngressCidr = config.AllowedIngressCidr,
            PriceTables = PriceTables.Load(options.PricesDirectory ?? PriceTables.DefaultFolder),
            RunHours = options.RunHours,
        });
        timings["analysis"] = analysis.Elapsed.TotalSeconds;

        // The diagram's layout needs node and an npm package: without them the review still stands, with a warning.
        var drawing = Stopwatch.StartNew();
        var drawn = GraphvizRenderer.Locate(repository).Draw(DiagramDot.Render(report.Pipeline), cancel);
        timings["diagram"] = drawing.Elapsed.TotalSeconds;
        if (drawn.Warning is { } warning)
            log.WriteLine($"review: warning: {warning}");
        timings["total"] = total.Elapsed.TotalSeconds;
        report = report with { TimingsSeconds = timings, Drawing = drawn };

        try
        {
            Directory.CreateDirectory(options.OutputDirectory);
            File.WriteAllText(Path.Combine(options.OutputDirectory, "review.json"), ReviewJson.Render(report));
            File.WriteAllText(Path.Combine(options.OutputDirectory, "review.md"), ReviewMarkdown.Render(report));
            File.WriteAllText(Path.Combine(options.OutputDirectory, "review.html"), ReviewHtml.Render(report));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"--out {options.OutputDirectory}: cannot write the review there ({e.Message})", ExitCode.UsageError);
        }
        return new Result(report, options.OutputDirectory);
    }
}
