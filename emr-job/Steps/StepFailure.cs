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
