namespace MnistEmr.Review.Core;

/// <summary>One hardening promise of the stack, checked against the plan.</summary>
/// <param name="Name">The check, e.g. <c>public-access-block</c>.</param>
/// <param name="Resource">The resource it concerns.</param>
/// <param name="Passed">Whether the plan keeps the promise.</param>
/// <param name="Detail">What was found.</param>
internal sealed record SecurityCheck(string Name, string Resource, bool Passed, string Detail)
{
    /// <summary>The check's name with its resource, which names it uniquely in a gate failure.</summary>
    public string Id => $"{Name}:{Resource}";

    /// <summary>
    /// Whether a miss only warns: reported beside the failures, but it does not close the gate. For hardening the
    /// default configuration cannot have (it needs a setting only the user knows), not for a broken promise.
    /// </summary>
    public bool WarnOnly { get; init; }

    /// <summary>The scanner rules this check answers (checkov ids such as <c>CKV_AWS_19</c>, prowler check names); empty when no scanner has one.</summary>
    public IReadOnlyList<string> ScannerRules { get; init; } = [];

    /// <summary>Whether the check failed and closes the gate.</summary>
    public bool Failed => !Passed && !WarnOnly;

    /// <summary>Whether the check did not pass but only warns.</summary>
    public bool Warned => !Passed && WarnOnly;
}
