namespace MnistEmr.Review.Core;

/// <summary>The review's own verdict on one scanner rule for one resource of the plan.</summary>
/// <param name="Rule">The rule's id, e.g. <c>CKV_AWS_349</c>.</param>
/// <param name="Resource">The resource judged.</param>
/// <param name="Failed">Whether the rule fails here, as the scanner's own rule source decides it.</param>
/// <param name="Detail">What was found.</param>
internal sealed record ScannerFinding(string Rule, string Resource, bool Failed, string Detail);
