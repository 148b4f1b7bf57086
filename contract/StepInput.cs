namespace MnistEmr.Contract;

/// <summary>What a step's SQL is built from: where the nodes are, the run's sizing and plan, and the run id.</summary>
/// <param name="Locations">Every data node's location.</param>
/// <param name="Sizing">Shards, partitions, sweep and the cluster the executors are sized for.</param>
/// <param name="Plan">The executors of every step, derived from <paramref name="Sizing"/>.</param>
/// <param name="RunId">The run id: the model and report go under <c>runs/&lt;RunId&gt;/</c>.</param>
public sealed record StepInput(StepLocations Locations, SparkSizing Sizing, ClusterPlan Plan, string RunId);
