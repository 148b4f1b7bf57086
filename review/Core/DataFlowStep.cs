namespace Pipeline.Review.Core;

/// <summary>One EMR step.</summary>
/// <param name="Name">The step's name.</param>
/// <param name="ActionOnFailure">What EMR does when it fails.</param>
/// <param name="Arguments">Its command line.</param>
/// <param name="Locations">The S3 locations its command line names.</param>
public sealed record DataFlowStep(string Name, string ActionOnFailure, IReadOnlyList<string> Arguments, IReadOnlyList<string> Locations);
