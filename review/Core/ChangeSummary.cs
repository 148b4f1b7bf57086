namespace MnistEmr.Review.Core;

/// <summary>What the plan creates, updates, replaces and deletes, with the dangerous changes first.</summary>
internal sealed record ChangeSummary(IReadOnlyDictionary<ChangeAction, int> Counts, IReadOnlyList<ChangeEntry> Entries)
{
    /// <summary>The changes that lose data or the running cluster.</summary>
    public IEnumerable<ChangeEntry> Alarms => Entries.Where(e => e.Alarm is not null);

    /// <summary>Summarizes the managed resources of a plan.</summary>
    public static ChangeSummary Of(TerraformPlan plan)
    {
        var entries = plan.Managed
            .Where(r => r.Action != ChangeAction.NoOp)
            .Select(r => new ChangeEntry(r.Address, PipelineParts.Of(r), r.Action, r.ReplacePaths, AlarmOf(r)))
            .OrderBy(e => e.Alarm is null)
            .ThenBy(e => e.Part)
            .ThenBy(e => e.Action)
            .ThenBy(e => e.Address, StringComparer.Ordinal)
            .ToArray();
        var counts = Enum.GetValues<ChangeAction>().Where(a => a is not ChangeAction.NoOp and not ChangeAction.Read)
            .ToDictionary(a => a, a => entries.Count(e => e.Action == a));
        return new ChangeSummary(counts, entries);
    }

    private static string? AlarmOf(PlanResource resource)
    {
        if (resource.Action is not (ChangeAction.Replace or ChangeAction.Delete))
            return null;
        var verb = resource.Action == ChangeAction.Replace ? "replaced" : "deleted";
        var forced = resource.ReplacePaths.Count > 0 ? $" (forced by {string.Join(", ", resource.ReplacePaths)})" : "";
        var part = PipelineParts.Of(resource);
        if (resource.Type == "aws_s3_bucket" && part.Kind == NodeKind.DataBucket)
            return $"{part.Title} bucket will be {verb}{forced}: its objects are lost";
        if (resource.Type == "aws_emr_cluster")
            return $"the EMR cluster will be {verb}{forced}: running steps stop and the cluster's local data is lost";
        return null;
    }
}
