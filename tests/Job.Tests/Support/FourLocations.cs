namespace MnistEmr.Job.Tests.Support;

/// <summary>The four data nodes' locations given one by one, in flow order, for tests that want each somewhere else.</summary>
public static class FourLocations
{
    public static StepLocations Of(string source, string formatA, string model, string report) => new(new Dictionary<PipelineNode, string>
    {
        [PipelineNodes.Source] = source,
        [PipelineNodes.FormatA] = formatA,
        [PipelineNodes.Model] = model,
        [PipelineNodes.Report] = report,
    });
}
