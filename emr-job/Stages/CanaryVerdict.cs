using MnistEmr.Common.Cli;
using MnistJob.Core;
using MnistJob.Steps;

namespace MnistJob.Stages;

/// <summary>The canary's verdict over every check row of every slot: it passes only when each check passed.</summary>
public static class CanaryVerdict
{
    /// <summary>The checks every task runs, a write to each node the canary step writes; a task's rows must name each.</summary>
    public static readonly IReadOnlyList<string> PerTask =
        [CanaryCheck.JobProcess, CanaryCheck.LightGbm, .. PipelineSteps.Canary.Writes.Select(CanaryCheck.Write)];

    /// <summary>The checks task 0 adds, and the probe read's check.</summary>
    public static readonly IReadOnlyList<string> Once = [CanaryCheck.SourceManifest, CanaryCheck.ProbeTree, CanaryCheck.BinaryFileRead];

    /// <summary>Returns the number of checks, or throws naming every failed or missing one.</summary>
    /// <exception cref="ToolException">Exit 4: a check failed or is missing; the message names each.</exception>
    public static int Judge(IReadOnlyList<CanaryCheck> checks)
    {
        var failures = checks.Where(c => !c.Passed).Select(c => $"{c.Probe} (task {c.Task}): {c.Detail}").ToList();
        var missing = new List<string>();
        var tasks = checks.Select(c => c.Task).Where(t => t >= 0).Distinct().Order().ToList();
        foreach (var task in tasks)
        {
            missing.AddRange(PerTask.Where(p => !checks.Any(c => c.Task == task && c.Probe == p)).Select(p => $"{p} (task {task}): no result"));
        }

        missing.AddRange(Once.Where(p => !checks.Any(c => c.Probe == p)).Select(p => $"{p}: no result"));
        failures.AddRange(missing);
        if (failures.Count > 0)
        {
            // A missing result counts as a check that failed: the total is what should have been checked.
            throw ToolException.Integrity($"canary: {failures.Count} of {checks.Count + missing.Count} checks failed: {string.Join("; ", failures)}");
        }

        return checks.Count;
    }
}
