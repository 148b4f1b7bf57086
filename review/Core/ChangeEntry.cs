namespace MnistEmr.Review.Core;

/// <summary>One change the plan makes.</summary>
/// <param name="Address">The resource.</param>
/// <param name="Part">The part of the pipeline it belongs to.</param>
/// <param name="Action">What happens to it.</param>
/// <param name="ForcedBy">For a replace, the attributes that force it.</param>
/// <param name="Alarm">Why this change deserves attention first (data lost, cluster gone), or null.</param>
internal sealed record ChangeEntry(string Address, PipelineNode Part, ChangeAction Action, IReadOnlyList<string> ForcedBy, string? Alarm);
