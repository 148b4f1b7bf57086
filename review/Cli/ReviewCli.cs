using System.CommandLine;
using MnistEmr.Common.Cli;
using Pipeline.Review.Core;
using Pipeline.Stacks.Configuration;
using Spectre.Console;

namespace Pipeline.Review.Cli;

/// <summary>The <c>review</c> command line.</summary>
public static class ReviewCli
{
    private static readonly Option<bool> Offline = new("--offline")
    {
        Description = "Plan with placeholder credentials and the provider's skip flags instead of the AWS account's (set in the review's copy of the stack, never in the stack). Implied when no AWS credentials are found.",
    };

    private static readonly Option<bool> Destroy = new("--destroy")
    {
        Description = "Review 'terraform plan -destroy': what a destroy removes, and which buckets would stop it.",
    };

    private static readonly Option<string?> StackDir = new("--stack-dir")
    {
        Description = "Review this already synthesized stack folder (e.g. a CI artifact) instead of synthesizing.",
    };

    private static readonly Option<string?> PlanJson = new("--plan-json")
    {
        Description = "Review this saved plan (the output of 'terraform show -json <plan file>'); Terraform does not run.",
    };

    private static readonly Option<string> Out = new("--out", "-o")
    {
        Description = "Folder for review.md, review.json and review.html.",
        DefaultValueFactory = _ => Path.Combine("cdktf.out", "review"),
    };

    private static readonly Option<bool> Gate = new("--gate")
    {
        Description = "Exit with code 5, naming the failed checks, when any security check fails (for CI before a deploy).",
    };

    private static readonly Option<decimal?> RunHours = new("--run-hours")
    {
        Description = "Hours a pipeline run keeps the cluster busy, for the per-run cost. [default: the step-time model's estimate, shown with its assumptions]",
    };

    private static readonly Option<string?> Prices = new("--prices")
    {
        Description = "Folder of price tables (<region>.json); default: the tables shipped with the tool. A missing folder or a malformed table is exit 2.",
    };

    private static readonly Option<bool> Verbose = new("--verbose") { Description = "Show the stack trace of an error." };

    /// <summary>The executable's name.</summary>
    public const string ToolName = "mnist-pipeline-review";

    /// <summary>
    /// Parses <paramref name="args"/> and runs in the shared host; returns the exit code. A parse error (an unknown
    /// option, a value that does not convert) is one line and exit 2, as in the loader and the job.
    /// </summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, IAnsiConsole console, TextWriter log, TextWriter output, CancellationToken cancellationToken = default)
    {
        // Not interactive for the host: the review writes its own lines and its summary, no progress bars. Its errors
        // may quote Terraform's several lines, kept as they are.
        var host = new ToolHost(ToolName, new ToolEnvironment { Out = output, Error = log }) { FoldErrorLines = false };
        return host.InvokeAsync(Build(console, host), args, cancellationToken);
    }

    /// <summary>Builds the command.</summary>
    public static RootCommand Build(IAnsiConsole console, ToolHost host)
    {
        var command = new RootCommand(
            "Reviews what 'cdktf deploy' (or, with --destroy, 'cdktf destroy') would do to the MNIST pipeline: changes grouped by "
            + "pipeline part with data-losing replaces first, the data flow, security checks with the instance profile's exact S3 "
            + "rights, a cost estimate, and a diagram. Reads Terraform's plan, offline if need be. Writes review.md, review.json "
            + "and review.html.\n\nExit codes: 0 written; 1 unexpected error; 2 bad input (an unknown option or bad value, not a plan, no "
            + "stack, an invalid setting, a missing or malformed price table, an --out that is not a folder); "
            + "3 a tool failed (no terraform, init or plan failed); 5 --gate and a security check failed; "
            + "130 stopped by SIGINT (Ctrl-C) or SIGTERM: Terraform stopped, nothing left behind.\n"
            + "Terraform runs in a copy of the stack folder under --out; the stack folder itself is never written to.\n"
            + "Pipeline settings are read as synthesis reads them: MNIST_EMR_* environment variables, then cdktf.json's context.")
        {
            Offline, Destroy, StackDir, PlanJson, Out, Gate, RunHours, Prices, Verbose,
        };
        command.SetAction((parse, cancel) =>
        {
            var options = new ReviewOptions
            {
                Offline = parse.GetValue(Offline),
                Destroy = parse.GetValue(Destroy),
                StackDirectory = parse.GetValue(StackDir),
                PlanJson = parse.GetValue(PlanJson),
                OutputDirectory = parse.GetValue(Out)!,
                Gate = parse.GetValue(Gate),
                RunHours = parse.GetValue(RunHours),
                PricesDirectory = parse.GetValue(Prices),
            };
            return host.RunAsync(
                "review",
                parse.GetValue(Verbose),
                (_, cancellationToken) => Task.Run(() => (int)Execute(options, console, host.Environment.Error, cancellationToken), cancellationToken),
                cancel,
                whenCancelled: "Terraform stopped, no review written, the stack folder untouched");
        });
        return command;
    }

    private static ExitCode Execute(ReviewOptions options, IAnsiConsole console, TextWriter log, CancellationToken cancel)
    {
        if (options.StackDirectory is not null && options.PlanJson is not null)
            throw ToolException.Usage("--stack-dir and --plan-json exclude each other: name a stack to plan, or a plan to read");
        if (options.RunHours <= 0)
            throw ToolException.Usage($"--run-hours must be positive; got {options.RunHours}");
        if (File.Exists(options.OutputDirectory))
            throw ToolException.Usage($"--out {options.OutputDirectory} is a file, not a folder");
        if (options.PricesDirectory is { } prices && !Directory.Exists(prices))
            throw ToolException.Usage($"--prices {prices}: no such folder (it should hold <region>.json price tables)");
        ReviewHandler.Result result;
        try
        {
            result = new ReviewHandler(log).Run(options, cancel);
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
