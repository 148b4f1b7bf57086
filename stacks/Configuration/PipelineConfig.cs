namespace MnistEmr.Stacks.Configuration;

/// <summary>
/// Everything a user can set about one deployment of the pipeline, typed: what the stack is built from. Every member
/// has a default that deploys; <see cref="Validate"/> names each setting that is wrong and why.
/// </summary>
/// <remarks>
/// Each settable property is a setting of <see cref="PipelineSettings"/>, which declares its key, environment variable,
/// default, rules and description; a new configuration starts from every setting's default, applied from that table
/// (<see cref="Defaults"/>), so no default is written here. <see cref="PipelineConfigReader"/> reads them from the
/// environment or the cdktf context.
/// </remarks>
public sealed record PipelineConfig
{
    // Every setting at its default, built once from the table over a bare instance. Declared before any use: static
    // fields initialize in textual order, and PipelineSettings' entries need no PipelineConfig to be built.
    private static readonly PipelineConfig Defaults =
        PipelineSettings.All.Aggregate(new PipelineConfig(bare: true), (config, setting) => setting.WithDefault(config));

    /// <summary>A configuration with every setting at its default (<see cref="PipelineSettings"/>): one that deploys.</summary>
    public PipelineConfig()
        : this(Defaults)
    {
    }

    // Only for Defaults: every property is set from the table straight after, so none stays null.
#pragma warning disable CS8618
    private PipelineConfig(bool bare)
    {
        _ = bare;
    }
#pragma warning restore CS8618

    /// <summary>Terraform stack name; also the folder under <c>cdktf.out/stacks/</c>.</summary>
    public string StackName { get; init; }

    /// <summary>AWS region of every resource.</summary>
    public string Region { get; init; }

    /// <summary>
    /// The 12-digit AWS account deployed to; null to let Terraform read the deploying credentials' account at plan time.
    /// Either way the EMR service role trusts EMR only when EMR acts for this account (the confused-deputy conditions).
    /// </summary>
    public string? AccountId { get; init; }

    /// <summary>Prefix of every name (buckets get a unique suffix from AWS).</summary>
    public string NamePrefix { get; init; }

    /// <summary>CIDR block of the VPC.</summary>
    public string VpcCidr { get; init; }

    /// <summary>CIDR block of the public subnet the cluster runs in, inside <see cref="VpcCidr"/>.</summary>
    public string SubnetCidr { get; init; }

    /// <summary>Availability zone of the subnet, e.g. <c>us-east-1a</c>; null to let AWS pick one.</summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>EMR release; 7.x ships Spark 3.5.</summary>
    public string EmrReleaseLabel { get; init; }

    /// <summary>EC2 instance type of the primary (master) node, one of <see cref="InstanceCatalogue.Known"/>.</summary>
    public string MasterInstanceType { get; init; }

    /// <summary>
    /// EC2 instance type of the core nodes, one of <see cref="InstanceCatalogue.Known"/>: every Spark executor is
    /// sized from it (see <see cref="ClusterPlan"/>).
    /// </summary>
    public string CoreInstanceType { get; init; }

    /// <summary>Number of core nodes.</summary>
    public int CoreInstanceCount { get; init; }

    /// <summary>Whether the core nodes are on-demand or spot instances.</summary>
    public CapacityMarket CoreMarket { get; init; }

    /// <summary>Highest spot price in USD per instance-hour; required when <see cref="CoreMarket"/> is spot, null otherwise.</summary>
    public decimal? CoreSpotMaxPrice { get; init; }

    /// <summary>
    /// Whether the cluster ends after its last step (transient) or waits for more until the idle timeout (persistent).
    /// </summary>
    public ClusterLifecycle ClusterLifecycle { get; init; }

    /// <summary>Minutes without work after which EMR terminates the cluster.</summary>
    public int IdleTimeoutMinutes { get; init; }

    /// <summary>The one CIDR allowed to reach the primary node by SSH; null for no ingress from the internet.</summary>
    public string? AllowedIngressCidr { get; init; }

    /// <summary>ARN of a KMS key for SSE-KMS on every bucket and EMR local disks; null for SSE-S3.</summary>
    public string? KmsKeyArn { get; init; }

    /// <summary>Whether the stack creates its own KMS key (used as <see cref="KmsKeyArn"/> would be) when no <see cref="KmsKeyArn"/> is given.</summary>
    public KmsKeySource KmsKey { get; init; }

    /// <summary>Let <c>cdktf destroy</c> delete buckets that still hold objects (false: data survives a destroy).</summary>
    public bool ForceDestroy { get; init; }

    /// <summary>Run the data loader during apply to fill S3|1.</summary>
    public bool RunDataLoader { get; init; }

    /// <summary>
    /// The published EMR job package (a .tar.gz holding the job binary), absolute or relative to the repository;
    /// null for a cluster with no bootstrap action and no steps.
    /// </summary>
    public string? JobArtifactPath { get; init; }

    /// <summary>Shards (Spark tasks) per split in the explode step.</summary>
    public int ExplodeShards { get; init; }

    /// <summary>
    /// Whether the explode step writes every shard again; false keeps the shards whose FORMAT A is up to date with S3|1,
    /// the layout and <see cref="ExplodeShards"/>.
    /// </summary>
    public bool ReExplode { get; init; }

    /// <summary>Partitions (Spark tasks) of the evaluate step.</summary>
    public int EvaluatePartitions { get; init; }

    /// <summary>Configurations of the train step's hyperparameter sweep; 0 for one training on every training digit.</summary>
    public int TrainingSweep { get; init; }

    /// <summary>
    /// What the job's Spark steps are sized from; null when the core instance type is not in the catalogue.
    /// The training set is the dataset definition's (data-loader/datasets/mnist.json: 60,000 digits).
    /// </summary>
    public SparkSizing? SparkSizing => InstanceCatalogue.Find(CoreInstanceType) is { } core
        ? new SparkSizing
        {
            ExplodeShards = ExplodeShards,
            EvaluatePartitions = EvaluatePartitions,
            CoreInstance = core,
            CoreInstanceCount = CoreInstanceCount,
            SweepCandidates = TrainingSweep,
            ReExplode = ReExplode,
        }
        : null;

    /// <summary>The highest spot bid accepted, in USD per instance-hour: a sanity bound far above any supported type's on-demand price.</summary>
    public const decimal MaxSpotPrice = 100m;

    /// <summary>Where <c>scripts/publish-job.sh</c> writes the job package, relative to the repository.</summary>
    public const string PublishedJobPackage = "emr-job/dist/mnist-emr-job-linux-x64.tar.gz";

    /// <summary>
    /// This configuration with <see cref="JobArtifactPath"/> set to the published job package when none is set and
    /// <c>scripts/publish-job.sh</c> has written one; unchanged otherwise.
    /// </summary>
    /// <param name="repositoryRoot">The repository, where the package would be.</param>
    public PipelineConfig WithPublishedJob(string repositoryRoot) =>
        JobArtifactPath is null && File.Exists(Path.Combine(repositoryRoot, PublishedJobPackage))
            ? this with { JobArtifactPath = PublishedJobPackage }
            : this;

    /// <summary>An email address subscribed to the run's notifications; null for none (the topic is there either way).</summary>
    public string? NotifyEmail { get; init; }

    /// <summary>Whether the stack adds an EMR Studio whose workspaces attach to the cluster.</summary>
    public Notebooks Notebooks { get; init; }

    /// <summary>S3 bucket of the Terraform state; null for a local state file at the repository root.</summary>
    public string? StateBucket { get; init; }

    /// <summary>Key of the state object in <see cref="StateBucket"/>; null for <c>&lt;name prefix&gt;/terraform.tfstate</c>.</summary>
    public string? StateKey { get; init; }

    /// <summary>Every problem with this configuration, each naming its setting; empty when it is valid.</summary>
    /// <remarks>The rules are <see cref="PipelineSettings"/>'s: at most one problem per setting, in the settings table's order.</remarks>
    public IReadOnlyList<ConfigError> Validate() => PipelineSettings.ProblemsIn(this);

    /// <summary>Throws <see cref="InvalidPipelineConfigException"/> listing every problem, or returns this configuration.</summary>
    public PipelineConfig EnsureValid()
    {
        var errors = Validate();
        return errors.Count == 0 ? this : throw new InvalidPipelineConfigException(errors);
    }
}
