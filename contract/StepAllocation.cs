namespace MnistEmr.Contract;

/// <summary>How a step gets its executors.</summary>
public enum StepAllocation
{
    /// <summary>
    /// Dynamic allocation with EMR's shuffle service, as EMR configures it (Release Guide, "Configure Spark":
    /// spark.dynamicAllocation.enabled true from emr-4.4.0, "Spark Shuffle Service is automatically configured"),
    /// capped so that tasks never outnumber the vCPUs. It starts with no executor and adds them as tasks wait.
    /// </summary>
    Dynamic,

    /// <summary>
    /// Every planned executor requested at start and all of them registered before the first task is scheduled
    /// (Spark 3.5 docs/configuration.md: <c>spark.executor.instances</c>; <c>spark.scheduler.minRegisteredResourcesRatio</c>,
    /// "the minimum ratio of registered resources ... to wait for before scheduling begins", default 0.8 on YARN;
    /// <c>spark.scheduler.maxRegisteredResourcesWaitingTime</c>, after which scheduling begins anyway). Then the
    /// canary's one task per slot lands in every executor, so on every core node: dynamic allocation would start
    /// at none and its first executor could run all the short tasks. Should a node still report nothing, the
    /// verdict fails naming it.
    /// </summary>
    AllAtOnce,
}
