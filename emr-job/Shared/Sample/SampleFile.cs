namespace MnistEmr.Job.Shared.Sample;

/// <summary>One generated file of the sample dataset.</summary>
/// <param name="Name">The file name.</param>
/// <param name="Content">Its bytes.</param>
internal sealed record SampleFile(string Name, byte[] Content);
