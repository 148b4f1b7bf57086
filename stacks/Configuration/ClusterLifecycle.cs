namespace MnistEmr.Stacks.Configuration;

/// <summary>What the cluster does once its steps are done.</summary>
public enum ClusterLifecycle
{
    /// <summary>
    /// Ends right after its last step, whether the steps succeeded or failed (<c>keep_job_flow_alive_when_no_steps</c>
    /// false): a deploy is one run, with no idle time paid for.
    /// </summary>
    Transient,

    /// <summary>Waits for more steps until the idle timeout ends it.</summary>
    Persistent,
}
