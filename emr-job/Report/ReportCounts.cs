namespace MnistEmr.Job.Report;

/// <summary>How many test inputs there were and what became of them; <c>Inputs = Used + Rejected</c>.</summary>
/// <param name="Inputs">Inputs found in the test tree.</param>
/// <param name="Used">Digits evaluated.</param>
/// <param name="Rejected">Inputs rejected.</param>
/// <param name="Correct">Evaluated digits classified correctly.</param>
/// <param name="Misclassified">Evaluated digits classified wrongly.</param>
/// <param name="RejectedByReason">Rejections per reason.</param>
internal sealed record ReportCounts(int Inputs, int Used, int Rejected, int Correct, int Misclassified, IReadOnlyDictionary<RejectionReason, int> RejectedByReason);
