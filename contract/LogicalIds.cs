namespace MnistEmr.Contract;

/// <summary>
/// How the stack names its Terraform elements: the construct path below the stack, joined by '_', with '-' as '_'
/// (<c>s3-1-source/bucket</c> is <c>s3_1_source_bucket</c>). The stack allocates its ids with this rule and the review
/// reads them back with it, so the two cannot drift apart.
/// </summary>
public static class LogicalIds
{
    /// <summary>The logical id of the element at <paramref name="constructPath"/> (the ids below the stack, outermost first).</summary>
    public static string Of(IEnumerable<string> constructPath) => string.Join('_', constructPath).Replace('-', '_');

    /// <summary>
    /// How every logical id under the direct child <paramref name="constructId"/> of the stack begins: its id in the
    /// rule's spelling and the separator, e.g. <c>job_artifacts_</c>. The separator keeps <c>job-artifact</c>'s
    /// prefix (<c>job_artifact_</c>) from matching <c>job_artifacts_bucket</c>.
    /// </summary>
    public static string PrefixOf(string constructId) => Of([constructId]) + "_";
}
