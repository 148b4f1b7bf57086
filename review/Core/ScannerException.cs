namespace MnistEmr.Review.Core;

/// <summary>A scanner rule the stack does not meet on purpose, and why.</summary>
/// <param name="Rule">The rule's id, e.g. <c>CKV_AWS_130</c>.</param>
/// <param name="Resource">The resource the rule would flag.</param>
/// <param name="Justification">Why the stack is right not to meet it, or what setting meets it.</param>
internal sealed record ScannerException(string Rule, string Resource, string Justification);
