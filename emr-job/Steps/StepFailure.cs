namespace MnistJob.Steps;

/// <summary>What EMR does when a step fails (the step's <c>ActionOnFailure</c>).</summary>
public enum StepFailure
{
    /// <summary><c>CANCEL_AND_WAIT</c>: cancel the pending steps, keep the cluster for inspection.</summary>
    CancelAndWait,

    /// <summary><c>CONTINUE</c>: run the next step anyway.</summary>
    Continue,

    /// <summary><c>TERMINATE_CLUSTER</c>: shut the cluster down.</summary>
    TerminateCluster,
}

/// <summary>The EMR API's spelling of <see cref="StepFailure"/>.</summary>
public static class StepFailures
{
    /// <summary>
    /// <c>CANCEL_AND_WAIT</c>, <c>CONTINUE</c> or <c>TERMINATE_CLUSTER</c>: the values of a step's ActionOnFailure
    /// (Amazon EMR API Reference, StepConfig).
    /// </summary>
    public static string ApiName(this StepFailure failure) => failure switch
    {
        StepFailure.CancelAndWait => "CANCEL_AND_WAIT",
        StepFailure.Continue => "CONTINUE",
        StepFailure.TerminateCluster => "TERMINATE_CLUSTER",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "unknown step failure action"),
    };
}
