using System.Text.RegularExpressions;

namespace MnistEmr.Review.Core;

/// <summary>
/// The cluster a run gets, as the step-time model needs it: the core nodes and the task counts the steps are
/// sized with, and the executors the job's own sizing (<see cref="ClusterPlan"/>) gives every step.
/// </summary>
/// <param name="Sizing">Core instance type and count, explode shards and evaluate partitions.</param>
/// <param name="Executors">The executors of each step, from <see cref="ClusterPlan.For"/>.</param>
/// <param name="TaskCountsFromSteps">Whether shards and partitions were read from the planned steps (else the job's defaults).</param>
internal sealed partial record PlannedCluster(SparkSizing Sizing, ClusterPlan Executors, bool TaskCountsFromSteps)
{
    /// <summary>
    /// Whether the steps' settings were read from the configuration the plan carries (the synthesized
    /// <c>cdk.tf.json</c> as Terraform read it), because the plan knows their arguments only after apply.
    /// </summary>
    public bool StepsFromConfiguration { get; init; }

    /// <summary>Tasks the worker steps (canary, explode, evaluate, report) run at once.</summary>
    public int WorkerSlots => Executors.Slots;

    /// <summary>Tasks the train step's executors run at once while they read FORMAT A (one core each).</summary>
    public int TrainerSlots => Executors.Trainer.MaxExecutors * Executors.Trainer.Cores;

    /// <summary>
    /// Reads the cluster from a plan: its core instance group, and the shard and partition counts its steps pass
    /// (<c>--shards N</c> in the explode command, <c>spark.sql.shuffle.partitions=N</c>); without steps (no job
    /// package configured), the job's defaults. Where the planned values leave the steps' arguments unknown (they name
    /// buckets AWS names at apply, so an offline plan never knows them), the same arguments are read from the
    /// plan's configuration, where the sizing is literal text.
    /// </summary>
    /// <returns>The cluster, or the reason it cannot be sized (no cluster, a core type the job does not support).</returns>
    public static (PlannedCluster? Cluster, string? Unknown) Of(TerraformPlan plan)
    {
        var cluster = plan.OfType("aws_emr_cluster").FirstOrDefault(c => c.Action != ChangeAction.Delete);
        var values = cluster?.Values;
        if (values is null)
            return (null, "the plan has no EMR cluster");
        var core = First(values["core_instance_group"]);
        var typeName = (string?)core?["instance_type"];
        if (typeName is null || InstanceCatalogue.Find(typeName) is not { } type)
            return (null, $"core instance type {typeName ?? "(unknown)"} is not one the job sizes its steps for");

        var args = PlannedArguments(values["step"]);
        var fromConfiguration = false;
        if (args.Length == 0 && ConfiguredArguments(cluster!.Expressions?["step"]) is { Length: > 0 } configured)
        {
            args = configured;
            fromConfiguration = true;
        }
        var shards = FirstNumber(args, ShardsArgument());
        var partitions = FirstNumber(args, PartitionsArgument());
        var sweep = FirstNumber(args, SweepArgument());
        var reExplode = args.Any(a => a.Contains("rows explode ", StringComparison.Ordinal) && a.Contains($" {SparkSizing.ReExplodeOption}", StringComparison.Ordinal));
        var sizing = new SparkSizing
        {
            CoreInstance = type,
            CoreInstanceCount = (int?)core?["instance_count"] ?? SparkSizing.DefaultCoreInstanceCount,
            ExplodeShards = shards ?? SparkSizing.DefaultExplodeShards,
            EvaluatePartitions = partitions ?? SparkSizing.DefaultEvaluatePartitions,
            SweepCandidates = sweep ?? 0,
            ReExplode = reExplode,
        };
        try
        {
            return (new PlannedCluster(sizing, ClusterPlan.For(sizing), shards is not null && partitions is not null) { StepsFromConfiguration = fromConfiguration }, null);
        }
        catch (SizingException e)
        {
            return (null, e.Message);
        }
    }

    // The steps' arguments as planned: absent (not null) where the plan knows them only after apply.
    private static string[] PlannedArguments(JsonNode? steps) =>
        (steps as JsonArray ?? [])
            .SelectMany(step => First(step?["hadoop_jar_step"])?["args"] as JsonArray ?? [])
            .Where(a => a is not null)
            .Select(a => a!.ToString())
            .ToArray();

    // The same arguments in the configuration's expression of the step attribute: its constant value (the
    // interpolations of bucket names left as text), or, were the steps blocks, each block's args expression.
    private static string[] ConfiguredArguments(JsonNode? expression) => expression switch
    {
        JsonObject { } attribute when attribute["constant_value"] is JsonArray steps => PlannedArguments(steps),
        JsonArray blocks => blocks
            .SelectMany(step => First(step?["hadoop_jar_step"])?["args"]?["constant_value"] as JsonArray ?? [])
            .Where(a => a is not null)
            .Select(a => a!.ToString())
            .ToArray(),
        _ => [],
    };

    private static int? FirstNumber(IEnumerable<string> args, Regex pattern) =>
        args.Select(a => pattern.Match(a)).FirstOrDefault(m => m.Success) is { } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    private static JsonNode? First(JsonNode? node) => node is JsonArray array ? array.FirstOrDefault() : node;

    [GeneratedRegex(@"--shards (\d+)")]
    private static partial Regex ShardsArgument();

    // The sweep's size, as the candidates' command gives it (absent without a sweep).
    [GeneratedRegex(@"sweep-candidate [^']*--sweep (\d+)")]
    private static partial Regex SweepArgument();

    [GeneratedRegex(@"^spark\.sql\.shuffle\.partitions=(\d+)$")]
    private static partial Regex PartitionsArgument();
}
