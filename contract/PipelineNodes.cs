namespace MnistEmr.Contract;

/// <summary>
/// The catalogue of the pipeline's nodes: S3|1 SOURCE_MNIST_DATA → S3|2 FORMAT A → S3|4 Serialized Model → S3|3 Model
/// Performance Report, the buckets the cluster needs, and the infrastructure parts. The stack builds each bucket
/// from its entry, the steps name the nodes they read and write (<see cref="PipelineSteps"/>), and the review sorts
/// a plan's resources into these nodes and titles them from here.
/// </summary>
/// <remarks>
/// Adding a node is an entry here and the construct that creates it. The construct ids are the stack's: they
/// make its logical ids (<see cref="LogicalIds"/>), so changing one replaces every resource under it.
/// </remarks>
public static class PipelineNodes
{
    /// <summary>Construct id of the job's uploads (package and bootstrap script), a member of <see cref="JobArtifacts"/>.</summary>
    public const string JobUploadsConstructId = "job-artifact";

    /// <summary>The stack output of the EMR cluster's id, read by the job's <c>status</c>.</summary>
    public const string ClusterIdOutput = "emr_cluster_id";

    /// <summary>The stack output of the run's CloudWatch dashboard URL, printed by the job's <c>status</c>.</summary>
    public const string DashboardUrlOutput = "dashboard_url";

    /// <summary>Construct id of the cluster's security groups, a member of <see cref="Emr"/>.</summary>
    public const string EmrSecurityGroupsConstructId = "emr-security-groups";

    /// <summary>Construct id of the cluster's security configuration, a member of <see cref="Emr"/>.</summary>
    public const string EmrSecurityConfigurationConstructId = "emr-security-configuration";

    /// <summary>S3|1 SOURCE_MNIST_DATA: the four raw IDX .gz files and the loader's manifest, under <c>mnist/</c>.</summary>
    public static readonly PipelineNode Source = new()
    {
        Name = "source", Label = "S3|1", Caption = "SOURCE_MNIST_DATA", Kind = NodeKind.DataBucket, ConstructId = "s3-1-source", KeyPrefix = "mnist/",
        UriOutput = new("s3_1_dataset_uri", "Where the data loader writes the raw MNIST files"),
    };

    /// <summary>S3|2 FORMAT A: <c>train/</c> and <c>test/</c> trees of <c>&lt;name&gt;.png</c> + <c>&lt;name&gt;.txt</c>, under <c>format-a/</c>.</summary>
    public static readonly PipelineNode FormatA = new()
    {
        Name = "format_a", Label = "S3|2", Caption = "FORMAT A", Kind = NodeKind.DataBucket, ConstructId = "s3-2-format-a", KeyPrefix = "format-a/",
        UriOutput = new("s3_2_format_a_uri", "Where the job writes FORMAT A"),
    };

    /// <summary>S3|4 Serialized Model: <c>runs/&lt;run id&gt;/model.zip</c> and its card, under <c>models/</c>; versioned.</summary>
    public static readonly PipelineNode Model = new()
    {
        Name = "model", Label = "S3|4", Caption = "Serialized Model", Kind = NodeKind.DataBucket, ConstructId = "s3-4-model", KeyPrefix = "models/",
        UriOutput = new("s3_4_model_uri", "Where the job writes the serialized model"),
        Versioned = true,
    };

    /// <summary>S3|3 Model Performance Report: <c>runs/&lt;run id&gt;/report.*</c>, under <c>reports/</c>; versioned.</summary>
    public static readonly PipelineNode Report = new()
    {
        Name = "report", Label = "S3|3", Caption = "Model Performance Report", Kind = NodeKind.DataBucket, ConstructId = "s3-3-report", KeyPrefix = "reports/",
        UriOutput = new("s3_3_report_uri", "Where the job writes the performance report"),
        Versioned = true,
    };

    /// <summary>EMR's cluster and step logs, under <c>emr/</c>; they expire after 90 days.</summary>
    public static readonly PipelineNode Logs = new()
    {
        Name = "logs", Caption = "EMR logs", Kind = NodeKind.SupportBucket, ConstructId = "emr-logs", KeyPrefix = "emr/",
        ExpireObjectsAfterDays = 90,
    };

    /// <summary>The VPC, gateway, subnet, routes and endpoint.</summary>
    public static readonly PipelineNode Network = new()
    {
        Name = "network", Caption = "Network", Kind = NodeKind.Infrastructure, ConstructId = "network",
    };

    /// <summary>The EMR cluster, its security groups and its security configuration.</summary>
    public static readonly PipelineNode Emr = new()
    {
        Name = "emr", Caption = "EMR", Kind = NodeKind.Infrastructure, ConstructId = "emr",
        MemberConstructIds = [EmrSecurityGroupsConstructId, EmrSecurityConfigurationConstructId],
    };

    /// <summary>The EMR roles, their policies and the instance profile.</summary>
    public static readonly PipelineNode Iam = new()
    {
        Name = "iam", Caption = "IAM", Kind = NodeKind.Infrastructure, ConstructId = "emr-roles",
    };

    /// <summary>The data loader's hook, run during apply to fill S3|1.</summary>
    public static readonly PipelineNode Loader = new()
    {
        Name = "loader", Caption = "Data loader", Kind = NodeKind.Infrastructure, ConstructId = "data-loader",
    };

    /// <summary>
    /// The job package and its bootstrap script (keys of their own, named by their hashes) and their bucket; versioned.
    /// Its name stays <c>job_artifact</c>, as the review's JSON has always called it.
    /// </summary>
    public static readonly PipelineNode JobArtifacts = new()
    {
        Name = "job_artifact", Caption = "EMR job artifacts", Kind = NodeKind.SupportBucket, ConstructId = "job-artifacts",
        MemberConstructIds = [JobUploadsConstructId], Versioned = true,
    };

    /// <summary>The stack's own KMS key and its alias, when the setting kmsKey is <c>create</c>.</summary>
    public static readonly PipelineNode Encryption = new()
    {
        Name = "encryption", Caption = "Encryption key", Kind = NodeKind.Infrastructure, ConstructId = "kms",
    };

    /// <summary>
    /// The run's notifications: the EventBridge rule on this cluster's step and state changes, the encrypted SNS topic
    /// it publishes to (with the topic's own KMS key) and the optional email subscription.
    /// </summary>
    public static readonly PipelineNode Notifications = new()
    {
        Name = "notifications", Caption = "Run notifications", Kind = NodeKind.Monitoring, ConstructId = "notifications",
    };

    /// <summary>The CloudWatch dashboard of the cluster's health metrics, named after the stack.</summary>
    public static readonly PipelineNode Dashboard = new()
    {
        Name = "dashboard", Caption = "Run dashboard", Kind = NodeKind.Monitoring, ConstructId = "dashboard",
    };

    /// <summary>The EMR Studio of the setting notebooks (<c>studio</c>): the Studio, its service role and its two security groups.</summary>
    public static readonly PipelineNode Notebooks = new()
    {
        Name = "notebooks", Caption = "EMR Studio notebooks", Kind = NodeKind.Monitoring, ConstructId = "notebooks",
    };

    private static readonly PipelineNode[] Catalogue =
        [Source, FormatA, Model, Report, Logs, Network, Emr, Iam, Loader, JobArtifacts, Encryption, Notifications, Dashboard, Notebooks];

    /// <summary>Every node, in the order listings show them: the data in flow order, then the rest.</summary>
    public static IReadOnlyList<PipelineNode> All => Catalogue;

    /// <summary>The buckets that hold the pipeline's data, in flow order: replacing or deleting one loses it.</summary>
    public static IReadOnlyList<PipelineNode> DataBuckets { get; } = Catalogue.Where(n => n.Kind == NodeKind.DataBucket).ToArray();

    /// <summary>The parts beside the cluster that watch a run or open it to a person (<see cref="NodeKind.Monitoring"/>), in catalogue order.</summary>
    public static IReadOnlyList<PipelineNode> Monitoring { get; } = Catalogue.Where(n => n.Kind == NodeKind.Monitoring).ToArray();

    /// <summary>Every bucket of the stack.</summary>
    public static IReadOnlyList<PipelineNode> Buckets { get; } = Catalogue.Where(n => n.IsBucket).ToArray();

    /// <summary>Sorts logical ids into the nodes of <see cref="All"/>.</summary>
    public static NodeClassifier Classifier { get; } = new(Catalogue);

    /// <summary>The node a logical id of the stack belongs to, or null when none does (see <see cref="NodeClassifier"/>).</summary>
    public static PipelineNode? OwnerOf(string logicalId) => Classifier.OwnerOf(logicalId);

    /// <summary>The node's index in <see cref="All"/>, or <see cref="int.MaxValue"/> for a node outside the catalogue.</summary>
    public static int PositionOf(PipelineNode node) => Array.IndexOf(Catalogue, node) is var i and >= 0 ? i : int.MaxValue;
}
