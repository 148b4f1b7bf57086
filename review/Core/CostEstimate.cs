using System.Globalization;
using System.Text.Json.Nodes;

namespace Pipeline.Review.Core;

/// <summary>
/// What the plan's cluster costs per hour and per pipeline run, its worst idle cost, and the monthly storage of the
/// dataset. Every figure is null ("unknown") where the price table lacks an instance type or the region.
/// </summary>
public sealed record CostEstimate
{
    /// <summary>Bytes of the four raw MNIST files (S3|1).</summary>
    public const long RawDatasetBytes = 9_912_422 + 28_881 + 1_648_877 + 4_542;

    /// <summary>Assumed bytes of FORMAT A: 70,000 digits, a PNG of about 400 bytes and a one-byte label each.</summary>
    public const long FormatABytes = 70_000L * 401;

    /// <summary>Assumed bytes of a model with its card plus a report.</summary>
    public const long ModelAndReportBytes = 20L * 1024 * 1024;

    /// <summary>The prices used, or null when the region has no table.</summary>
    public PriceTable? Prices { get; init; }

    /// <summary>The region the cluster runs in.</summary>
    public string? Region { get; init; }

    /// <summary>Each instance group with its price.</summary>
    public IReadOnlyList<InstanceGroupCost> Groups { get; init; } = [];

    /// <summary>The cluster per hour.</summary>
    public decimal? PerHour { get; init; }

    /// <summary>How long the job's steps are assumed to run, in hours.</summary>
    public decimal RunHours { get; init; }

    /// <summary>
    /// Whether the cluster ends after its last step (<c>keep_job_flow_alive_when_no_steps</c> false): then a run
    /// pays for no idle time.
    /// </summary>
    public bool Transient { get; init; }

    /// <summary>What a run's price covers, for the renderers: the steps only, or the steps and the idle timeout.</summary>
    public string RunBasis => Transient ? "transient cluster, no idle time" : "persistent cluster, steps plus the idle timeout";

    /// <summary>The idle time a run pays for, in hours: the auto-termination timeout, or 0 for a transient cluster.</summary>
    public decimal? IdleHours { get; init; }

    /// <summary>One pipeline run: the steps, then (persistent cluster) idling until auto-termination.</summary>
    public decimal? PerRun { get; init; }

    /// <summary>The most an idle cluster costs before EMR ends it.</summary>
    public decimal? WorstIdle { get; init; }

    /// <summary>Storage of the dataset, FORMAT A, model and report per month.</summary>
    public decimal? StoragePerMonth { get; init; }

    /// <summary>What the figures take for granted.</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];

    /// <summary>Estimates the plan's cost.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="priceTables">Price tables by region.</param>
    /// <param name="runHours">How long the steps are assumed to run.</param>
    public static CostEstimate Of(TerraformPlan plan, IReadOnlyDictionary<string, PriceTable> priceTables, decimal runHours)
    {
        var region = plan.Region;
        var prices = region is not null && priceTables.TryGetValue(region, out var table) ? table : null;
        var assumptions = new List<string>
        {
            prices is null
                ? $"no price table for region {region ?? "(unknown)"}: prices unknown"
                : $"{prices.Currency} on-demand prices of {prices.Region} as of {prices.AsOf} ({prices.Source})",
        };

        var cluster = plan.OfType("aws_emr_cluster").FirstOrDefault(c => c.Action != ChangeAction.Delete);
        var groups = new List<InstanceGroupCost>();
        decimal? idleHours = null;
        var transient = false;
        if (cluster?.Values is { } values)
        {
            transient = (bool?)values["keep_job_flow_alive_when_no_steps"] == false;
            if (First(values["master_instance_group"]) is { } primary)
                groups.Add(Group("primary", primary, 1, prices, assumptions));
            if (First(values["core_instance_group"]) is { } core)
                groups.Add(Group("core", core, (int?)core["instance_count"] ?? 1, prices, assumptions));
            if ((decimal?)First(values["auto_termination_policy"])?["idle_timeout"] is { } seconds)
                idleHours = seconds / 3600m;
            else
                assumptions.Add("no auto-termination: an idle cluster runs until someone ends it");
        }

        var hours = runHours.ToString(CultureInfo.InvariantCulture);
        if (transient)
        {
            idleHours = 0m;
            assumptions.Add($"a pipeline run keeps the cluster busy {hours} h; the cluster is transient, so it ends after its last step and no idle time is paid");
        }
        else
        {
            assumptions.Add($"a pipeline run keeps the cluster busy {hours} h, then idle until auto-termination (persistent cluster)");
        }

        decimal? perHour = groups.Count > 0 && groups.All(g => g.PerHour is not null) ? groups.Sum(g => g.PerHour!.Value) : null;
        var gb = (RawDatasetBytes + FormatABytes + ModelAndReportBytes) / 1_000_000_000m;
        assumptions.Add($"storage: {gb:0.###} GB (raw MNIST, FORMAT A at ~400 B a digit, model and report), S3 Standard; requests not counted");
        return new CostEstimate
        {
            Prices = prices,
            Region = region,
            Groups = groups,
            PerHour = perHour,
            RunHours = runHours,
            Transient = transient,
            IdleHours = idleHours,
            PerRun = perHour * (runHours + (idleHours ?? 0m)),
            WorstIdle = perHour * idleHours,
            StoragePerMonth = prices is null ? null : gb * prices.S3StandardPerGbMonth,
            Assumptions = assumptions,
        };
    }

    private static InstanceGroupCost Group(string role, JsonNode group, int count, PriceTable? prices, List<string> assumptions)
    {
        var type = (string?)group["instance_type"] ?? "unknown";
        var bid = (string?)group["bid_price"] is { Length: > 0 } text ? decimal.Parse(text, CultureInfo.InvariantCulture) : (decimal?)null;
        decimal? perHour = null;
        if (prices is not null && prices.Instances.TryGetValue(type, out var price))
        {
            // Spot is billed at the market price, which never exceeds the bid: the bid is the upper bound.
            perHour = ((bid ?? price.Ec2) + price.Emr) * count;
            if (bid is not null)
                assumptions.Add($"{role} nodes on spot: EC2 at the bid price {bid.Value.ToString(CultureInfo.InvariantCulture)}/h, an upper bound");
        }
        return new InstanceGroupCost(role, type, count, bid is null ? "on-demand" : $"spot (bid {bid.Value.ToString(CultureInfo.InvariantCulture)})", perHour);
    }

    private static JsonNode? First(JsonNode? node) => node is JsonArray array ? array.FirstOrDefault() : node;
}
