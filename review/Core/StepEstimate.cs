namespace MnistEmr.Review.Core;

/// <summary>One step's estimated duration on the planned cluster and what it is made of.</summary>
/// <param name="Name">The step's name (the job's step names, e.g. <c>mnist-train</c>).</param>
/// <param name="Seconds">Estimated wall-clock seconds.</param>
/// <param name="Basis">How the figure was reached, in a line.</param>
/// <param name="Requests">The S3 requests it makes.</param>
internal sealed record StepEstimate(string Name, double Seconds, string Basis, S3RequestCounts Requests)
{
    /// <summary>Estimated minutes.</summary>
    public double Minutes => Seconds / 60;
}
