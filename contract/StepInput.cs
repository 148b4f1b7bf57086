namespace MnistEmr.Contract;

/// <summary>What a step's SQL is built from: where the nodes are, the run's sizing and the plan made of it, and the run id.</summary>
public sealed class StepInput(StepLocations locations, SparkSizing sizing, string runId)
{
    /// <summary>Every data node's location.</summary>
    public StepLocations Locations { get; } = locations;

    /// <summary>Shards, partitions, sweep and the cluster the executors are sized for.</summary>
    public SparkSizing Sizing { get; } = sizing;

    /// <summary>The executors of every step, derived once from <see cref="Sizing"/>.</summary>
    /// <exception cref="SizingException">A step's executors cannot fit the core instance type.</exception>
    public ClusterPlan Plan { get; } = ClusterPlan.For(sizing);

    /// <summary>The run id: the model and report go under <c>runs/&lt;RunId&gt;/</c>.</summary>
    public string RunId { get; } = runId;
}
