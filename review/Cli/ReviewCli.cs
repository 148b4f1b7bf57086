using System.CommandLine;
using Spectre.Console;

namespace MnistEmr.Review.Cli;

/// <summary>The <c>review</c> command line.</summary>
internal static class ReviewCli
{
    /// <summary>
    /// The review's options, declared once: each is added to one <see cref="OptionTable"/>, which gives it its
    /// environment fallback (<c>MNIST_REVIEW_OFFLINE</c>, <c>MNIST_REVIEW_RUN_HOURS</c>, ...:
    /// <see cref="EnvironmentFallback"/>) and keeps the order the command lists them in.
    /// </summary>
    private sealed class CommandOptions
    {
        /// <summary>The tool's part of its variables' names.</summary>
        public const string VariablePart = "REVIEW";

        private readonly OptionTable table;

        /// <param name="environment">Where the fallbacks are read.</param>
        public CommandOptions(ToolEnvironment environment)
        {
            table = new OptionTable(VariablePart, environment.GetVariable);
            Offline = table.Add(new Option<bool>("--offline")
            {
                Description = "Plan with placeholder credentials and the provider's skip flags instead of the AWS account's (set in the review's copy of the stack, never in the stack). Implied when no AWS credentials are found.",
            });
            Destroy = table.Add(new Option<bool>("--destroy")
            {
                Description = "Review 'terraform plan -destroy': what a destroy removes, and which buckets would stop it.",
            });
            StackDir = table.Add(new Option<string?>("--stack-dir")
            {
                Description = "Review this already synthesized stack folder (e.g. a CI artifact) instead of synthesizing.",
            });
            PlanJson = table.Add(new Option<string?>("--plan-json")
            {
                Description = "Review this saved plan (the output of 'terraform show -json <plan file>'); Terraform does not run.",
            });
            Out = table.Add(new Option<string>("--out", "-o")
            {
                Description = "Folder for review.md, review.json and review.html.",
                DefaultValueFactory = _ => Path.Combine("cdktf.out", "review"),
            });
            Gate = table.Add(new Option<bool>("--gate")
            {
                Description = "Exit with code 5, naming the failed checks, when any security check fails (for CI before a deploy).",
            });
            RunHours = table.Add(
                new Option<decimal?>("--run-hours")
                {
                    Description = $"Hours a pipeline run keeps the cluster busy, for the per-run cost: more than 0, at most {ReviewOptions.MaxRunHours.ToString("0", CultureInfo.InvariantCulture)} (a year). [default: the step-time model's estimate, shown with its assumptions]",
                },
                (name, hours) => hours is null or (> 0m and <= ReviewOptions.MaxRunHours)
                    ? null
                    : $"{name} must be more than 0 and at most {ReviewOptions.MaxRunHours.ToString("0", CultureInfo.InvariantCulture)} hours (a year); got {hours.Value.ToString(CultureInfo.InvariantCulture)}");
            Prices = table.Add(new Option<string?>("--prices")
            {
                Description = "Folder of price tables (<region>.json); default: the tables shipped with the tool. A missing folder or a malformed table is exit 2.",
            });
            Verbose = table.Add(new Option<bool>("--verbose") { Description = "Show the stack trace of an error." });
        }

        public Option<bool> Offline { get; }

        public Option<bool> Destroy { get; }

        public Option<string?> StackDir { get; }

        public Option<string?> PlanJson { get; }

        public Option<string> Out { get; }

        public Option<bool> Gate { get; }

        public Option<decimal?> RunHours { get; }

        public Option<string?> Prices { get; }

        public Option<bool> Verbose { get; }

        /// <summary>Adds every option to <paramref name="command"/>, in declaration order.</summary>
        public void AddTo(Command command) => table.AddTo(command);
    }

    /// <summary>The executable's name.</summary>
    public const string ToolName = "mnist-pipeline-review";

    /// <summary>
    /// Parses <paramref name="args"/> and runs in the shared host; returns the exit code. A parse error (an unknown
    /// option, a value that does not convert) is one line and exit 2, as in the loader and the job.
    /// </summary>
    /// <param name="args">The arguments.</param>
    /// <param name="console">Where the summary goes.</param>
    /// <param name="log">Where the log and the error line go.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="getVariable">Reads an environment variable; null for the process's environment.</param>
    /// <param name="cancellationToken">Stops the review.</param>
    public static Task<int> RunAsync(
        IReadOnlyList<string> args, IAnsiConsole console, TextWriter log, TextWriter output, Func<string, string?>? getVariable = null, CancellationToken cancellationToken = default)
    {
        // Not interactive for the host: the review writes its own lines and its summary, no progress bars. Its errors
        // may quote Terraform's several lines, kept as they are.
        var environment = new ToolEnvironment { Out = output, Error = log };
        if (getVariable is not null)
        {
            environment = environment with { GetVariable = getVariable };
        }

        var host = new ToolHost(ToolName, environment) { FoldErrorLines = false };
        return host.InvokeAsync(Build(console, host), args, cancellationToken);
    }

    public static RootCommand Build(IAnsiConsole console, ToolHost host)
    {
        var o = new CommandOptions(host.Environment);
        var command = new RootCommand(
            "Reviews what 'cdktf deploy' (or, with --destroy, 'cdktf destroy') would do to the MNIST pipeline: changes grouped by "
            + "pipeline part with data-losing replaces first, the data flow, security checks with the instance profile's exact S3 "
            + "rights, a cost estimate, and a diagram. Reads Terraform's plan, offline if need be. Writes review.md, review.json "
            + "and review.html.\n\nExit codes: 0 written; 1 unexpected error; 2 bad input (an unknown option or bad value, not a plan, no "
            + "stack, an invalid setting, a missing or malformed price table, an --out that is not a folder); "
            + "3 a tool failed (no terraform, init or plan failed); 5 --gate and a security check failed; "
            + "130 stopped by SIGINT (Ctrl-C) or SIGTERM: Terraform stopped, nothing left behind.\n"
            + "Terraform runs in a copy of the stack folder under --out; the stack folder itself is never written to.\n"
            + "Pipeline settings are read as synthesis reads them: MNIST_EMR_* environment variables, then cdktf.json's context. "
            + "Each option falls back to its MNIST_REVIEW_* variable (shown in its help) when not given.");
        o.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            var options = new ReviewOptions
            {
                Offline = parse.GetValue(o.Offline),
                Destroy = parse.GetValue(o.Destroy),
                StackDirectory = parse.GetValue(o.StackDir),
                PlanJson = parse.GetValue(o.PlanJson),
                OutputDirectory = parse.GetValue(o.Out)!,
                Gate = parse.GetValue(o.Gate),
                RunHours = parse.GetValue(o.RunHours),
                PricesDirectory = parse.GetValue(o.Prices),
            };
            return host.RunAsync(
                "review",
                parse.GetValue(o.Verbose),
                (_, cancellationToken) => Task.Run(() => (int)Execute(options, console, host.Environment, cancellationToken), cancellationToken),
                cancel,
                whenCancelled: "Terraform stopped, no review written, the stack folder untouched");
        });
        return command;
    }

    private static ExitCode Execute(ReviewOptions options, IAnsiConsole console, ToolEnvironment environment, CancellationToken cancel)
    {
        var log = environment.Error;
        if (options.StackDirectory is not null && options.PlanJson is not null)
            throw ToolException.Usage("--stack-dir and --plan-json exclude each other: name a stack to plan, or a plan to read");
        // --destroy only makes Terraform plan a destroy; a saved plan was planned already, and a destroy plan gets
        // its Destroy section by itself. Taken silently, the flag would promise a destroy review of any plan.
        if (options.PlanJson is not null && options.Destroy)
            throw ToolException.Usage("--plan-json and --destroy exclude each other: --destroy asks Terraform for a destroy plan, a saved plan is reviewed as it was planned (save one with 'terraform plan -destroy -out' to review a destroy)");
        if (File.Exists(options.OutputDirectory))
            throw ToolException.Usage($"--out {options.OutputDirectory} is a file, not a folder");
        if (options.PricesDirectory is { } prices && !Directory.Exists(prices))
            throw ToolException.Usage($"--prices {prices}: no such folder (it should hold <region>.json price tables)");
        ReviewHandler.Result result;
        try
        {
            result = new ReviewHandler(log, environment.GetVariable).Run(options, cancel);
        }
        catch (Exception e) when (e is InvalidPipelineConfigException or InvalidDataException)
        {
            throw ToolException.Usage(e.Message);
        }
        TerminalSummary.Write(console, result.Report, result.OutputDirectory);
        var failed = result.Report.Security.Failed.ToArray();
        if (options.Gate && failed.Length > 0)
        {
            log.WriteLine($"error: gate closed: {failed.Length} security check(s) failed: {string.Join(", ", failed.Select(f => f.Id))}");
            return ExitCode.GateFailed;
        }
        return ExitCode.Success;
    }
}
