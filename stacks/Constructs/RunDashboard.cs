namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// A CloudWatch dashboard of the cluster's health while a run goes: YARN containers running and pending, YARN memory
/// available, the applications (one per step) running, done and failed, the nodes, HDFS and S3 bytes, and when the
/// notification rule fired. The metrics are EMR's own, free, every five minutes.
/// </summary>
/// <remarks>
/// Metric names, the <c>AWS/ElasticMapReduce</c> namespace and the <c>JobFlowId</c> dimension (the cluster id) are
/// from the EMR Management Guide, "Monitoring Amazon EMR metrics with CloudWatch"
/// (https://docs.aws.amazon.com/emr/latest/ManagementGuide/UsingEMR_ViewingMetrics.html): EMR pushes them every five
/// minutes at no charge, hence the 300 s period. The page lists the S3 and HDFS byte counts as aggregated from
/// MapReduce jobs: they stay near 0 for the Spark steps, and HDFSUtilization shows the cluster's disk instead. The
/// rule's <c>MatchedEvents</c> and <c>Invocations</c> are EventBridge's (<c>AWS/Events</c>, dimension <c>RuleName</c>).
/// A dashboard stays in CloudWatch's free tier with at most 50 metrics (<see cref="MaxFreeTierMetrics"/>).
/// </remarks>
public sealed class RunDashboard : Construct
{
    /// <summary>The most metrics a dashboard may show and still count towards CloudWatch's free tier (3 dashboards of up to 50 metrics).</summary>
    public const int MaxFreeTierMetrics = 50;

    /// <summary>EMR's metric namespace.</summary>
    public const string EmrNamespace = "AWS/ElasticMapReduce";

    /// <summary>The graphs: title and EMR metrics, in the order they are drawn.</summary>
    public static readonly IReadOnlyList<(string Title, string[] Metrics)> EmrGraphs =
    [
        ("YARN containers: running (allocated) and pending", ["ContainerAllocated", "ContainerPending", "ContainerReserved"]),
        ("YARN memory available", ["YARNMemoryAvailablePercentage"]),
        ("Applications (one per step): running, done, failed", ["AppsRunning", "AppsCompleted", "AppsFailed", "AppsPending"]),
        ("Nodes", ["CoreNodesRunning", "CoreNodesPending", "MRUnhealthyNodes", "IsIdle"]),
        ("HDFS use (%)", ["HDFSUtilization"]),
        ("S3 and HDFS bytes (EMR aggregates them from MapReduce jobs: near 0 for Spark steps)", ["S3BytesRead", "S3BytesWritten", "HDFSBytesRead", "HDFSBytesWritten"]),
    ];

    /// <summary>Creates the dashboard.</summary>
    public RunDashboard(Construct scope, string id, RunDashboardProps props) : base(scope, id)
    {
        Resource = new CloudwatchDashboard(this, "dashboard", new CloudwatchDashboardConfig
        {
            DashboardName = props.Name,
            // jsonencode at apply rather than JSON text here: the body names the cluster's id, and cdktf's HCL output
            // (cdktf synth --hcl) mangles a string that holds both quotes and an interpolation.
            DashboardBody = Token.AsString(Fn.Jsonencode(Body(props))),
        });
        Url = UrlOf(props.Region, props.Name);
    }

    /// <summary>The dashboard resource.</summary>
    public CloudwatchDashboard Resource { get; }

    /// <summary>The dashboard in the CloudWatch console.</summary>
    public string Url { get; }

    /// <summary>The dashboard's name: the stack's, after the name prefix, so two deployments in one account never share one.</summary>
    public static string NameOf(string namePrefix, string stackName) => $"{namePrefix}-{stackName}";

    /// <summary>Where the console shows the dashboard <paramref name="name"/> of <paramref name="region"/>.</summary>
    public static string UrlOf(string region, string name) =>
        $"https://{region}.console.aws.amazon.com/cloudwatch/home?region={region}#dashboards/dashboard/{name}";

    /// <summary>
    /// The dashboard's body as data (CloudWatch API Reference, "Dashboard Body Structure and Syntax"): a text widget, then
    /// the graphs; the stack encodes it with Terraform's <c>jsonencode</c>.
    /// </summary>
    public static Dictionary<string, object> Body(RunDashboardProps props)
    {
        var widgets = new List<object>();
        var steps = props.StepNames.Count == 0
            ? "The cluster has no steps (no job package)."
            : "Steps, in order: " + string.Join(" → ", props.StepNames.Select(s => $"`{s}`")) + ". Each step is one YARN application: "
              + "*AppsCompleted* climbs by one per finished step, *AppsFailed* above 0 means a step failed.";
        widgets.Add(new Dictionary<string, object>
        {
            ["type"] = "text", ["x"] = 0, ["y"] = 0, ["width"] = 24, ["height"] = 3,
            ["properties"] = new Dictionary<string, object>
            {
                ["markdown"] = $"## MNIST on EMR: cluster {props.ClusterId}\n{steps} EMR publishes these metrics every 5 minutes while the cluster runs.",
            },
        });
        var y = 3;
        var x = 0;
        foreach (var (title, metrics) in EmrGraphs)
        {
            widgets.Add(Graph(title, props.Region, x, y, metrics.Select(m => new object[] { EmrNamespace, m, "JobFlowId", props.ClusterId }).ToArray()));
            (x, y) = x == 0 ? (12, y) : (0, y + 6);
        }
        if (props.NotificationRuleName is { } rule)
        {
            widgets.Add(Graph("Run notifications: events matched and sent", props.Region, x, y,
                new[] { "MatchedEvents", "Invocations", "FailedInvocations" }.Select(m => new object[] { "AWS/Events", m, "RuleName", rule }).ToArray(), "Sum"));
        }
        return new Dictionary<string, object> { ["widgets"] = widgets.ToArray() };
    }

    private static Dictionary<string, object> Graph(string title, string region, int x, int y, object[][] metrics, string stat = "Average") => new()
    {
        ["type"] = "metric", ["x"] = x, ["y"] = y, ["width"] = 12, ["height"] = 6,
        ["properties"] = new Dictionary<string, object>
        {
            ["title"] = title,
            ["region"] = region,
            ["view"] = "timeSeries",
            ["stat"] = stat,
            ["period"] = 300,
            ["metrics"] = metrics,
        },
    };

    /// <summary>How many metrics <see cref="Body"/> draws: EMR's graphs, and the rule's three when there is a rule.</summary>
    public static int MetricCount(bool withRule) => EmrGraphs.Sum(g => g.Metrics.Length) + (withRule ? 3 : 0);
}
