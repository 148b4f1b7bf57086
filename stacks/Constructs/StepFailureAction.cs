namespace Pipeline.Stacks.Constructs;

/// <summary>What EMR does when a step fails (EMR's <c>ActionOnFailure</c>).</summary>
public enum StepFailureAction
{
    /// <summary>Cancel the remaining steps and keep the cluster for inspection (it still ends on idle).</summary>
    CancelAndWait,

    /// <summary>Run the next steps anyway.</summary>
    Continue,

    /// <summary>Terminate the cluster.</summary>
    TerminateCluster,
}
