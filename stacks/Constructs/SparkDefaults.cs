namespace Pipeline.Stacks.Constructs;

/// <summary>The cluster-wide Spark settings the job's steps rely on (EMR's <c>spark-defaults</c> classification).</summary>
/// <param name="ExecutorMemoryOverhead">Off-heap memory per executor: the job binary runs there as a child process.</param>
/// <param name="ShufflePartitions">Partitions of a shuffle, e.g. the GROUP BY that builds the confusion matrix.</param>
public sealed record SparkDefaults(string ExecutorMemoryOverhead, int ShufflePartitions);
