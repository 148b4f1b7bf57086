using System.CommandLine;
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

    private static readonly Option<decimal> RunHours = new("--run-hours")
    {
        Description = "Hours a pipeline run keeps the cluster busy, for the per-run cost.",
        DefaultValueFactory = _ => 1m,
    };

    private static readonly Option<string?> Prices = new("--prices")
    {
        Description = "Folder of price tables (<region>.json); default: the tables shipped with the tool. A missing folder or a malformed table is exit 2.",
    };

    private static readonly Option<bool> Verbose = new("--verbose") { Description = "Show the stack trace of an error." };

    /// <summary>
    /// Parses <paramref name="args"/> and runs; returns the exit code. A parse error (an unknown option, a value that
    /// does not convert) is one line and exit 2, as in the loader and the job, not System.CommandLine's help and 1.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IAnsiConsole console, TextWriter log, TextWriter output)
    {
        var parse = Build(console, log).Parse(args);
        if (parse.Errors.Count > 0)
        {
            await log.WriteLineAsync($"review: {parse.Errors[0].Message.TrimEnd('.')} (see --help)");
            return (int)ExitCode.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = log });
    }

    /// <summary>Builds the command.</summary>
    public static RootCommand Build(IAnsiConsole console, TextWriter log)
    {
        var command = new RootCommand(
            "Reviews what 'cdktf deploy' (or, with --destroy, 'cdktf destroy') would do to the MNIST pipeline: changes grouped by "
            + "pipeline part with data-losing replaces first, the data flow, security checks with the instance profile's exact S3 "
            + "rights, a cost estimate, and a diagram. Reads Terraform's plan, offline if need be. Writes review.md, review.json "
            + "and review.html.\n\nExit codes: 0 written; 1 unexpected error; 2 bad input (an unknown option or bad value, not a plan, no "
            + "stack, an invalid setting, a missing or malformed price table, an --out that is not a folder); "
            + "3 a tool failed (no terraform, init or plan failed); 5 --gate and a security check failed; "
            + "130 or 143 stopped by SIGINT (Ctrl-C) or SIGTERM.\n"
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
            return Task.FromResult((int)Execute(options, parse.GetValue(Verbose), console, log, cancel));
        });
        return command;
    }

    private static ExitCode Execute(ReviewOptions options, bool verbose, IAnsiConsole console, TextWriter log, CancellationToken invocation)
    {
        using var interruption = new Interruption(invocation);
        var cancel = interruption.Token;
        try
        {
            if (options.StackDirectory is not null && options.PlanJson is not null)
                throw new ReviewException("--stack-dir and --plan-json exclude each other: name a stack to plan, or a plan to read", ExitCode.Usage);
            if (options.RunHours <= 0)
                throw new ReviewException($"--run-hours must be positive; got {options.RunHours}", ExitCode.Usage);
            if (File.Exists(options.OutputDirectory))
                throw new ReviewException($"--out {options.OutputDirectory} is a file, not a folder", ExitCode.Usage);
            if (options.PricesDirectory is { } prices && !Directory.Exists(prices))
                throw new ReviewException($"--prices {prices}: no such folder (it should hold <region>.json price tables)", ExitCode.Usage);
            var result = new ReviewHandler(log).Run(options, cancel);
            TerminalSummary.Write(console, result.Report, result.OutputDirectory);
            var failed = result.Report.Security.Failed.ToArray();
            if (options.Gate && failed.Length > 0)
            {
                log.WriteLine($"review: gate closed: {failed.Length} security check(s) failed: {string.Join(", ", failed.Select(f => f.Id))}");
                return ExitCode.GateFailed;
            }
            return ExitCode.Ok;
        }
        catch (ReviewException e)
        {
            log.WriteLine($"review: {e.Message}");
            if (verbose) log.WriteLine(e);
            return e.ExitCode;
        }
        catch (Exception e) when (e is InvalidPipelineConfigException or InvalidDataException)
        {
            log.WriteLine($"review: {e.Message}");
            return ExitCode.Usage;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            log.WriteLine($"review: stopped by {interruption.SignalName}: Terraform stopped, no review written, the stack folder untouched");
            return interruption.ExitCode;
        }
        catch (Exception e)
        {
            log.WriteLine($"review: unexpected error: {e.Message}");
            if (verbose) log.WriteLine(e);
            return ExitCode.Bug;
        }
    }
}
