namespace MnistEmr.Job.Canary;

/// <summary>The canary's verdict over every check row of every slot: it passes only when each check passed.</summary>
internal static class CanaryVerdict
{
    /// <summary>The checks every task runs, a write to each node the canary step writes; a task's rows must name each.</summary>
    public static readonly IReadOnlyList<string> PerTask =
        [CanaryCheck.JobProcess, CanaryCheck.LightGbm, .. PipelineSteps.Canary.Writes.Select(CanaryCheck.Write)];

    /// <summary>The checks task 0 adds, and the probe read's check.</summary>
    public static readonly IReadOnlyList<string> Once = [CanaryCheck.SourceManifest, CanaryCheck.ProbeTree, CanaryCheck.TreeRead];

    /// <summary>
    /// Returns the number of checks, or throws naming every failed or missing one, and, when fewer than
    /// <paramref name="coreNodes"/> hosts ran the slots' checks, the hosts that did: a core node that ran none has its
    /// job install, LightGBM and S3 reach unproven, and the later steps would meet it unchecked.
    /// </summary>
    /// <exception cref="ToolException">Exit 4: a check failed or is missing, or a core node reported nothing; the message names each.</exception>
    public static int Judge(IReadOnlyList<CanaryCheck> checks, int coreNodes = 0)
    {
        var failures = checks.Where(c => !c.Passed).Select(c => $"{c.Probe} (task {c.Task}): {c.Detail}").ToList();
        var missing = new List<string>();
        var tasks = checks.Select(c => c.Task).Where(t => t >= 0).Distinct().Order().ToList();
        foreach (var task in tasks)
        {
            missing.AddRange(PerTask.Where(p => !checks.Any(c => c.Task == task && c.Probe == p)).Select(p => $"{p} (task {task}): no result"));
        }

        missing.AddRange(Once.Where(p => !checks.Any(c => c.Probe == p)).Select(p => $"{p}: no result"));
        var hosts = checks.Where(c => c.Probe == CanaryCheck.JobProcess && c.Host.Length > 0).Select(c => c.Host).Distinct().Order(StringComparer.Ordinal).ToList();
        if (hosts.Count < coreNodes)
        {
            missing.Add($"core nodes: the slots' checks ran on {hosts.Count} host{(hosts.Count == 1 ? string.Empty : "s")} "
                + $"({(hosts.Count == 0 ? "none named" : string.Join(", ", hosts))}) of the {coreNodes} core nodes planned, so a node is unchecked");
        }

        failures.AddRange(missing);
        if (failures.Count > 0)
        {
            // A missing result counts as a check that failed: the total is what should have been checked.
            throw ToolException.Integrity($"canary: {failures.Count} of {checks.Count + missing.Count} checks failed: {string.Join("; ", failures)}");
        }

        return checks.Count;
    }
}
