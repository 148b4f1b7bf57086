namespace MnistJob.Core;

/// <summary>A FORMAT A input that was not used, and why.</summary>
/// <param name="Key">The key of the offending object (the PNG for a pair).</param>
/// <param name="Reason">The category.</param>
/// <param name="Detail">What exactly was wrong.</param>
public sealed record Rejection(string Key, RejectionReason Reason, string Detail);
