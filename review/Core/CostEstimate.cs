namespace MnistEmr.Review.Core;

/// <summary>
/// What the plan's cluster costs per hour and per pipeline run, how long a run takes, its worst idle cost, and the
/// monthly storage of the dataset. A run's cost is (start-up + the steps + shutdown) × the cluster's hourly price,
/// plus the idle timeout for a persistent cluster; the durations come from <see cref="StepTimeModel"/>. Each sum is a
/// <see cref="CostFigure"/>: where the price table lacks an instance type, its EMR price, an S3 price or the region,
/// or where the core instance type is not one the job can be sized for, the sum keeps the parts it knows as a lower
/// bound and names the rest; its plain amount (<see cref="PerHour"/>, <see cref="PerRun"/>, ...) is then null ("unknown").
/// </summary>
internal sealed record CostEstimate
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

    /// <summary>The cluster per hour, as far as the prices are known.</summary>
    public CostFigure PerHourFigure { get; init; } = CostFigure.Unknown();

    /// <summary>The cluster per hour; null when a part of it is unknown.</summary>
    public decimal? PerHour => PerHourFigure.Amount;

    /// <summary>
    /// What the known part of <see cref="PerHourFigure"/> covers when it is partial and holds no EMR fee at all: "EC2
    /// only"; null otherwise.
    /// </summary>
    public string? PerHourCovers => PerHourFigure.IsPartial && Groups.All(g => g.Covers is not null) ? InstanceGroupCost.Ec2Only : null;

    /// <summary>Each step's estimated duration, start-up and shutdown; null when the cluster cannot be sized.</summary>
    public RunTimeEstimate? RunTime { get; init; }

    /// <summary>
    /// Hours one run keeps the cluster, all billed (start-up, steps, shutdown): the step-time model's estimate, or
    /// the hours given (<c>--run-hours</c>); null when neither is known.
    /// </summary>
    public decimal? RunHours { get; init; }

    /// <summary>Whether <see cref="RunHours"/> was given rather than estimated.</summary>
    public bool RunHoursGiven { get; init; }

    /// <summary>
    /// Whether the cluster ends after its last step (<c>keep_job_flow_alive_when_no_steps</c> false): then a run
    /// pays for no idle time.
    /// </summary>
    public bool Transient { get; init; }

    /// <summary>What a run's price covers, for the renderers: the steps only, or the steps and the idle timeout.</summary>
    public string RunBasis => Transient
        ? "transient cluster: start-up, steps and shutdown, no idle time"
        : "persistent cluster: start-up, steps, then the idle timeout";

    /// <summary>The idle time a run pays for, in hours: the auto-termination timeout, or 0 for a transient cluster.</summary>
    public decimal? IdleHours { get; init; }

    /// <summary>
    /// The cluster's share of one pipeline run: start-up, the steps and shutdown, then (persistent cluster) idling
    /// until auto-termination; as far as its price and duration are known.
    /// </summary>
    public CostFigure PerRunFigure { get; init; } = CostFigure.Unknown();

    /// <summary>The cluster's share of one pipeline run; null when a part of it is unknown.</summary>
    public decimal? PerRun => PerRunFigure.Amount;

    /// <summary>
    /// The S3 request charges of one run (the step-time model's GET, PUT and LIST counts at the table's request
    /// prices); unknown when the run's requests cannot be counted or the table has no request prices.
    /// </summary>
    public CostFigure RequestsPerRunFigure { get; init; } = CostFigure.Unknown();

    /// <summary>The S3 request charges of one run; null when unknown.</summary>
    public decimal? RequestsPerRun => RequestsPerRunFigure.Amount;

    /// <summary>
    /// What one run costs in all: the cluster's share and the S3 requests. FORMAT A is 140,000 small objects, so the
    /// requests are not a rounding error beside the cluster.
    /// </summary>
    public CostFigure TotalPerRunFigure => PerRunFigure + RequestsPerRunFigure;

    /// <summary>What one run costs in all; null when a part of it is unknown.</summary>
    public decimal? TotalPerRun => TotalPerRunFigure.Amount;

    /// <summary>
    /// The same run when the source is unchanged since the last one: explode finds FORMAT A up to date in S3|2 and
    /// writes nothing; null when the cluster cannot be sized.
    /// </summary>
    public RunTimeEstimate? ReRunTime { get; init; }

    /// <summary>What a re-run of an unchanged source costs in all (cluster share and S3 requests), as far as it is known.</summary>
    public CostFigure TotalPerReRunFigure { get; init; } = CostFigure.Unknown();

    /// <summary>What a re-run of an unchanged source costs in all; null when a part of it is unknown.</summary>
    public decimal? TotalPerReRun => TotalPerReRunFigure.Amount;

    /// <summary>
    /// The most an idle cluster costs before EMR ends it: nothing for a transient cluster, whatever its price;
    /// unknown without auto-termination.
    /// </summary>
    public CostFigure WorstIdleFigure { get; init; } = CostFigure.Unknown();

    /// <summary>The most an idle cluster costs before EMR ends it; null when unknown.</summary>
    public decimal? WorstIdle => WorstIdleFigure.Amount;

    /// <summary>Storage of the dataset, FORMAT A, model and report per month, as far as it is known.</summary>
    public CostFigure StoragePerMonthFigure { get; init; } = CostFigure.Unknown();

    /// <summary>Storage of the dataset, FORMAT A, model and report per month; null when unknown.</summary>
    public decimal? StoragePerMonth => StoragePerMonthFigure.Amount;

    /// <summary>
    /// What the figures lack, each named once in the order the figures come (the hour, a run, a re-run, idling,
    /// storage); empty when every figure is whole.
    /// </summary>
    public IReadOnlyList<string> Missing =>
        new[] { PerHourFigure, TotalPerRunFigure, TotalPerReRunFigure, WorstIdleFigure, StoragePerMonthFigure }.SelectMany(f => f.Missing).Distinct().ToArray();

    /// <summary>
    /// The price of a KMS key a month in USD: $1, the same in every commercial region, plus $0.03 per 10,000 requests
    /// beyond 20,000 free a month (AWS KMS pricing, https://aws.amazon.com/kms/pricing/). With S3 Bucket Keys a run's
    /// requests to the key are a handful per bucket and node, far inside the free tier, so only the key is priced.
    /// </summary>
    public const decimal KmsKeyPerMonth = 1.00m;

    /// <summary>
    /// The pipeline's KMS keys the plan creates or keeps (the stack's own key by default); a key of a monitoring part
    /// (the notifications topic's) is priced with that part (<see cref="MonitoringCost"/>), not again here.
    /// </summary>
    public int KmsKeys { get; init; }

    /// <summary>The plan's KMS keys a month (<see cref="KmsKeyPerMonth"/> each); zero without a key of the stack's own.</summary>
    public decimal KmsKeysPerMonth => KmsKeys * KmsKeyPerMonth;

    /// <summary>What the figures take for granted.</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];

    /// <summary>Estimates the plan's cost with the step-time model's default assumptions.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="priceTables">Price tables by region.</param>
    /// <param name="runHours">Hours a run keeps the cluster, when given; null to estimate them.</param>
    public static CostEstimate Of(TerraformPlan plan, IReadOnlyDictionary<string, PriceTable> priceTables, decimal? runHours = null) =>
        Of(plan, priceTables, runHours, DataVolume.Mnist, new StepTimeAssumptions());

    /// <summary>Estimates the plan's cost.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="priceTables">Price tables by region.</param>
    /// <param name="runHours">Hours a run keeps the cluster, when given; null to estimate them.</param>
    /// <param name="data">What a run moves.</param>
    /// <param name="assume">The step-time model's assumptions.</param>
    public static CostEstimate Of(
        TerraformPlan plan, IReadOnlyDictionary<string, PriceTable> priceTables, decimal? runHours, DataVolume data, StepTimeAssumptions assume)
    {
        var region = plan.Region;
        var prices = region is not null && priceTables.TryGetValue(region, out var table) ? table : null;
        // What the review names when the region has no table: every price in it.
        var noTable = $"every price in {region ?? "the plan's region"} (no price table)";
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
                groups.Add(Group("primary", primary, 1, prices, noTable, assumptions));
            if (First(values["core_instance_group"]) is { } core)
                groups.Add(Group("core", core, (int?)core["instance_count"] ?? 1, prices, noTable, assumptions));
            if ((decimal?)First(values["auto_termination_policy"])?["idle_timeout"] is { } seconds)
                idleHours = seconds / 3600m;
            else
                assumptions.Add("no auto-termination: an idle cluster runs until someone ends it");
        }
        if (transient)
            idleHours = 0m;

        var (planned, unsized) = PlannedCluster.Of(plan);
        var runTime = planned is null ? null : StepTimeModel.Estimate(planned, data, assume);
        var reRunTime = planned is null ? null : StepTimeModel.Estimate(planned, data, assume, sourceUnchanged: true);
        var hours = runHours ?? runTime?.BilledHours;
        assumptions.Add(RunSentence(runTime, unsized, runHours, transient));
        if (runTime is not null)
        {
            assumptions.Add(ClusterSentence(runTime.Cluster, data));
            assumptions.AddRange(assume.Describe());
        }

        // No group, no cluster to price: unknown, for no missing price.
        var perHour = groups.Count == 0 ? CostFigure.Unknown() : groups.Select(g => g.Price).Aggregate((a, b) => a + b);
        const string UnknownDuration = "the run's duration";
        var gb = (RawDatasetBytes + FormatABytes + ModelAndReportBytes) / 1_000_000_000m;
        assumptions.Add(prices?.S3StandardPerGbMonth is null
            ? "storage: no S3 Standard price in the table: unknown"
            : $"storage: {gb.ToString("0.###", CultureInfo.InvariantCulture)} GB (raw MNIST, FORMAT A at ~400 B a digit, model and report), S3 Standard");
        var requestsPerRun = RequestCharges(runTime?.Requests, prices);
        assumptions.Add(RequestSentence(runTime?.Requests, prices, requestsPerRun));
        // A re-run differs by explode alone; given hours (--run-hours) stand for any run.
        var reRunHours = runHours ?? reRunTime?.BilledHours;
        var totalPerReRun = perHour.Times(reRunHours + (idleHours ?? 0m), UnknownDuration) + RequestFigure(reRunTime?.Requests, prices, region, noTable);
        if (reRunTime is not null)
        {
            assumptions.Add($"a re-run of an unchanged source (the same S3|1 files, layout and shards) skips explode's writes: {Minutes(reRunTime.TotalSeconds)} min"
                + (totalPerReRun.Amount is { } t ? $", {t.ToString("0.##", CultureInfo.InvariantCulture)} {prices!.Currency}" : string.Empty));
        }

        return new CostEstimate
        {
            Prices = prices,
            Region = region,
            Groups = groups,
            PerHourFigure = perHour,
            RunTime = runTime,
            RunHours = hours,
            RunHoursGiven = runHours is not null,
            Transient = transient,
            IdleHours = idleHours,
            // Without a cluster there is no run to price: unknown, for no missing price.
            PerRunFigure = groups.Count == 0 ? CostFigure.Unknown() : perHour.Times(hours + (idleHours ?? 0m), UnknownDuration),
            RequestsPerRunFigure = groups.Count == 0 ? CostFigure.Unknown() : RequestFigure(runTime?.Requests, prices, region, noTable),
            ReRunTime = reRunTime,
            TotalPerReRunFigure = groups.Count == 0 ? CostFigure.Unknown() : totalPerReRun,
            // A transient cluster never idles, so it costs nothing idle at any price; without auto-termination the
            // idle time has no end, which no price would make known.
            WorstIdleFigure = idleHours switch
            {
                _ when groups.Count == 0 => CostFigure.Unknown(),
                0m => CostFigure.Exactly(0m),
                null => CostFigure.Unknown(),
                var idle => perHour.Times(idle, UnknownDuration),
            },
            StoragePerMonthFigure = prices is null ? CostFigure.Unknown(noTable)
                : prices.S3StandardPerGbMonth is { } perGb ? CostFigure.Exactly(gb * perGb)
                : CostFigure.Unknown($"the S3 Standard storage price in {prices.Region}"),
            KmsKeys = plan.OfType("aws_kms_key").Count(k => k.Action != ChangeAction.Delete && PipelineParts.Of(k).Kind != NodeKind.Monitoring),
            Assumptions = assumptions,
        };
    }

    /// <summary>Prices a run's S3 requests: PUTs and LISTs at the PUT tier, GETs at the GET tier, each per 1,000.</summary>
    /// <param name="requests">The run's requests; null when the run cannot be modelled.</param>
    /// <param name="prices">The region's prices; null when there is no table.</param>
    public static decimal? RequestCharges(S3RequestCounts? requests, PriceTable? prices) =>
        requests is null || prices?.S3PutPer1000 is not { } put || prices.S3GetPer1000 is not { } get
            ? null
            : (((decimal)requests.Puts + (decimal)requests.ListPages) * put / 1000m) + ((decimal)requests.Gets * get / 1000m);

    // The run's request charges as a figure: unknown, naming why, when the run or the prices are.
    private static CostFigure RequestFigure(S3RequestCounts? requests, PriceTable? prices, string? region, string noTable) =>
        RequestCharges(requests, prices) is { } charges ? CostFigure.Exactly(charges)
        : prices is null ? CostFigure.Unknown(noTable)
        : requests is null ? CostFigure.Unknown("the run's S3 requests (the run cannot be modelled)")
        : CostFigure.Unknown($"the S3 request prices in {region}");

    private static string RequestSentence(S3RequestCounts? requests, PriceTable? prices, decimal? charges)
    {
        if (requests is null)
            return "S3 requests: the run cannot be modelled, so its request charges are unknown";
        if (charges is null)
            return "S3 requests: no S3 request prices in the table: unknown";
        var put = prices!.S3PutPer1000!.Value.ToString(CultureInfo.InvariantCulture);
        var get = prices.S3GetPer1000!.Value.ToString(CultureInfo.InvariantCulture);
        return $"S3 requests: {requests.Puts + requests.ListPages:N0} PUT and LIST at {put} per 1,000 and {requests.Gets:N0} GET at {get} per 1,000 (S3 Standard), "
            + $"{charges.Value.ToString("0.####", CultureInfo.InvariantCulture)} a run";
    }

    private static string RunSentence(RunTimeEstimate? runTime, string? unsized, decimal? given, bool transient)
    {
        var after = transient
            ? "the cluster is transient, so it ends after its last step and no idle time is paid"
            : "then the cluster idles until auto-termination (persistent)";
        var estimated = runTime is null
            ? $"the run's duration cannot be estimated: {unsized}"
            : $"the step-time model estimates {Minutes(runTime.TotalSeconds)} min a run: start-up {Minutes(runTime.ProvisioningSeconds)} min, steps {Minutes(runTime.StepSeconds)} min, shutdown {Minutes(runTime.ShutdownSeconds)} min";
        return given is { } hours
            ? $"a pipeline run keeps the cluster {hours.ToString(CultureInfo.InvariantCulture)} h as given (--run-hours; {estimated}); {after}"
            : $"{estimated}; {after}";
    }

    private static string ClusterSentence(PlannedCluster cluster, DataVolume data) =>
        $"{data.Digits:N0} digits ({data.TrainDigits:N0} train, {data.TestDigits:N0} test) as {data.FormatAObjects:N0} FORMAT A objects; "
        + $"{cluster.Sizing.CoreInstanceCount} × {cluster.Sizing.CoreInstance.Name} core nodes: {cluster.WorkerSlots} worker slots, "
        + $"{cluster.TrainerSlots} single-core executors reading for the trainer, which trains in one process; "
        + $"{cluster.Sizing.ExplodeShards} explode shards and {cluster.Sizing.EvaluatePartitions} evaluate partitions"
        + (!cluster.TaskCountsFromSteps ? " (the job's defaults: the plan has no steps)"
            : cluster.StepsFromConfiguration ? " (from the steps' configuration: the plan knows their arguments only after apply)"
            : " (from the planned steps)")
        + (cluster.Sizing.SweepCandidates > 0 ? $"; a sweep of {cluster.Sizing.SweepCandidates} candidates" : "");

    private static string Minutes(double seconds) => (seconds / 60).ToString("0.#", CultureInfo.InvariantCulture);

    private static InstanceGroupCost Group(string role, JsonNode group, int count, PriceTable? prices, string noTable, List<string> assumptions)
    {
        var type = (string?)group["instance_type"] ?? "unknown";
        var bid = (string?)group["bid_price"] is { Length: > 0 } text ? decimal.Parse(text, CultureInfo.InvariantCulture) : (decimal?)null;
        var market = bid is null ? "on-demand" : $"spot (bid {bid.Value.ToString(CultureInfo.InvariantCulture)})";
        if (prices is null)
            return new InstanceGroupCost(role, type, count, market, null, null, [noTable]);
        if (!prices.Instances.TryGetValue(type, out var price))
        {
            assumptions.Add($"{role} nodes: {type} is not in the {prices.Region} price table: unknown");
            return new InstanceGroupCost(role, type, count, market, null, null, [$"the prices of {type} in {prices.Region}"]);
        }
        // Spot is billed at the market price, which never exceeds the bid: the bid is the upper bound. EMR's
        // price is the same on spot as on demand.
        var ec2 = (bid ?? price.Ec2) * count;
        if (price.Emr is null)
            assumptions.Add($"{role} nodes: no published EMR price for {type} in {prices.Region} was found, so their hourly price is known only in part (EC2 alone {ec2.ToString("0.####", CultureInfo.InvariantCulture)}/h)");
        if (bid is not null)
            assumptions.Add($"{role} nodes on spot: EC2 at the bid price {bid.Value.ToString(CultureInfo.InvariantCulture)}/h, an upper bound");
        return new InstanceGroupCost(role, type, count, market, ec2, price.Emr * count, price.Emr is null ? [$"the EMR fee of {type} in {prices.Region}"] : []);
    }

    private static JsonNode? First(JsonNode? node) => node is JsonArray array ? array.FirstOrDefault() : node;
}
