namespace MnistEmr.Review.Core;

/// <summary>One data bucket on the flow.</summary>
/// <param name="Part">Which node it is.</param>
/// <param name="Address">Its resource address.</param>
/// <param name="Name">Its name, or its prefix when AWS completes the name at apply.</param>
internal sealed record DataFlowNode(PipelineNode Part, string Address, string Name);
