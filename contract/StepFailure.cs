namespace MnistEmr.Contract;

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
internal static class StepFailures
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

/// <summary>What ends the cluster the steps run on: it decides what a failed step does.</summary>
public enum ClusterEnd
{
    /// <summary>
    /// A transient cluster, ending after its last step (<c>keep_job_flow_alive_when_no_steps = false</c>). Every step
    /// fails with <c>TERMINATE_CLUSTER</c>: the EMR API says <c>CANCEL_AND_WAIT</c> "returns the cluster to the WAITING
    /// state" (API Reference, StepConfig, ActionOnFailure), and no AWS text says such a cluster then ends, so a failed
    /// step could leave it idle until the auto-termination policy's timeout.
    /// </summary>
    AfterSteps,

    /// <summary>A persistent cluster, ended by its idle timeout: a failed step cancels the rest and keeps the cluster for inspection, as each step's definition says.</summary>
    IdleTimeout,
}
