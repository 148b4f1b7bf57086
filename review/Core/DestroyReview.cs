namespace MnistEmr.Review.Core;

/// <summary>What a destroy removes, and which buckets would stop it.</summary>
/// <param name="Removed">Every resource the plan deletes, by pipeline part.</param>
/// <param name="Blockers">Buckets deleted without <c>force_destroy</c>: S3 refuses to delete them while they hold objects.</param>
internal sealed record DestroyReview(IReadOnlyList<ChangeEntry> Removed, IReadOnlyList<string> Blockers)
{
    /// <summary>What a destroy that removes nothing means, for every renderer.</summary>
    public const string EmptyState =
        "the state Terraform read holds no resources (nothing is deployed from this stack's state, or the state is kept elsewhere: see the stack's backend)";

    /// <summary>Reads the deletes of a plan.</summary>
    public static DestroyReview Of(TerraformPlan plan)
    {
        var deleted = plan.Managed.Where(r => r.Action is ChangeAction.Delete or ChangeAction.Replace).ToArray();
        var removed = deleted.Select(r => new ChangeEntry(r.Address, PipelineParts.Of(r), r.Action, r.ReplacePaths, null))
            .OrderBy(e => e.Part).ThenBy(e => e.Address, StringComparer.Ordinal).ToArray();
        var blockers = deleted.Where(r => r.Type == "aws_s3_bucket" && (bool?)r.Before?["force_destroy"] != true)
            .Select(r => r.Address).ToArray();
        return new DestroyReview(removed, blockers);
    }
}
