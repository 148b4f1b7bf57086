namespace Pipeline.Review.Core;

/// <summary>One hardening promise of the stack, checked against the plan.</summary>
/// <param name="Name">The check, e.g. <c>public-access-block</c>.</param>
/// <param name="Resource">The resource it concerns.</param>
/// <param name="Passed">Whether the plan keeps the promise.</param>
/// <param name="Detail">What was found.</param>
public sealed record SecurityCheck(string Name, string Resource, bool Passed, string Detail)
{
    /// <summary>The check's name with its resource, which names it uniquely in a gate failure.</summary>
    public string Id => $"{Name}:{Resource}";
}
