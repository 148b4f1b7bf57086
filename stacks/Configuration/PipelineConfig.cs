using System.Net;
using System.Text.RegularExpressions;
using MnistJob.Steps;

namespace Pipeline.Stacks.Configuration;

/// <summary>
/// Everything a user can set about one deployment of the pipeline. Every member has a default that deploys;
/// <see cref="Validate"/> names each setting that is wrong and why.
/// Read from the environment or cdktf context by <see cref="PipelineConfigReader"/>.
/// </summary>
public sealed partial record PipelineConfig
{
    /// <summary>Terraform stack name; also the folder under <c>cdktf.out/stacks/</c>. Default <c>mnist-pipeline</c>.</summary>
    public string StackName { get; init; } = "mnist-pipeline";

    /// <summary>AWS region of every resource. Default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Prefix of every name (buckets get a unique suffix from AWS). Lowercase, 3 to 20 characters. Default <c>mnist-emr</c>.</summary>
    public string NamePrefix { get; init; } = "mnist-emr";

    /// <summary>CIDR block of the VPC. Default <c>10.42.0.0/16</c>.</summary>
    public string VpcCidr { get; init; } = "10.42.0.0/16";

    /// <summary>CIDR block of the public subnet the cluster runs in; must lie inside <see cref="VpcCidr"/>. Default <c>10.42.0.0/24</c>.</summary>
    public string SubnetCidr { get; init; } = "10.42.0.0/24";

    /// <summary>Availability zone of the subnet, e.g. <c>us-east-1a</c>. Optional: AWS picks one when unset.</summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>EMR release; 7.x ships Spark 3.5. Default <c>emr-7.13.0</c>.</summary>
    public string EmrReleaseLabel { get; init; } = "emr-7.13.0";

    /// <summary>EC2 instance type of the primary (master) node, one of <see cref="InstanceCatalogue.Known"/>. Default <c>m5.xlarge</c>.</summary>
    public string MasterInstanceType { get; init; } = "m5.xlarge";

    /// <summary>
    /// EC2 instance type of the core nodes, one of <see cref="InstanceCatalogue.Known"/>: every Spark executor is
    /// sized from it (see <see cref="ClusterPlan"/>). Default <c>m5.xlarge</c>.
    /// </summary>
    public string CoreInstanceType { get; init; } = InstanceCatalogue.Default.Name;

    /// <summary>Number of core nodes, 1 to 100. Default 2.</summary>
    public int CoreInstanceCount { get; init; } = SparkSizing.DefaultCoreInstanceCount;

    /// <summary>Whether the core nodes are on-demand or spot instances. Default on-demand.</summary>
    public CapacityMarket CoreMarket { get; init; } = CapacityMarket.OnDemand;

    /// <summary>Highest spot price in USD per instance-hour; required when <see cref="CoreMarket"/> is spot.</summary>
    public decimal? CoreSpotMaxPrice { get; init; }

    /// <summary>
    /// Whether the cluster ends after its last step (transient) or waits for more until the idle timeout
    /// (persistent). Default transient.
    /// </summary>
    public ClusterLifecycle ClusterLifecycle { get; init; } = ClusterLifecycle.Transient;

    /// <summary>Minutes without work after which EMR terminates the cluster, 1 to 10080 (7 days). Default 60.</summary>
    public int IdleTimeoutMinutes { get; init; } = 60;

    /// <summary>The one CIDR allowed to reach the primary node by SSH. Optional: no ingress from the internet when unset.</summary>
    public string? AllowedIngressCidr { get; init; }

    /// <summary>ARN of a KMS key for SSE-KMS on every bucket and EMR local disks. Optional: SSE-S3 when unset.</summary>
    public string? KmsKeyArn { get; init; }

    /// <summary>Let <c>cdktf destroy</c> delete buckets that still hold objects. Default false: data survives a destroy.</summary>
    public bool ForceDestroy { get; init; }

    /// <summary>Run the data loader during apply to fill S3|1. Default true.</summary>
    public bool RunDataLoader { get; init; } = true;

    /// <summary>
    /// The published EMR job package (a .tar.gz holding the job binary), absolute or relative to the repository.
    /// Optional: without it the cluster has no bootstrap action and no steps.
    /// </summary>
    public string? JobArtifactPath { get; init; }

    /// <summary>Shards (Spark tasks) per split in the explode step, 1 to 10000. Default 16.</summary>
    public int ExplodeShards { get; init; } = SparkSizing.DefaultExplodeShards;

    /// <summary>Partitions (Spark tasks) of the evaluate step, 1 to 10000. Default 16.</summary>
    public int EvaluatePartitions { get; init; } = SparkSizing.DefaultEvaluatePartitions;

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

    /// <summary>S3 bucket of the Terraform state. Optional: a local state file at the repository root when unset.</summary>
    public string? StateBucket { get; init; }

    /// <summary>Key of the state object in <see cref="StateBucket"/>. Default <c>&lt;name prefix&gt;/terraform.tfstate</c>.</summary>
    public string? StateKey { get; init; }

    /// <summary>The setting each member is read from, for messages that name it.</summary>
    internal static class Keys
    {
        public const string StackName = "stackName", Region = "region", NamePrefix = "namePrefix", VpcCidr = "vpcCidr",
            SubnetCidr = "subnetCidr", AvailabilityZone = "availabilityZone", EmrReleaseLabel = "emrReleaseLabel",
            MasterInstanceType = "masterInstanceType", CoreInstanceType = "coreInstanceType",
            CoreInstanceCount = "coreInstanceCount", CoreMarket = "coreMarket", CoreSpotMaxPrice = "coreSpotMaxPrice",
            IdleTimeoutMinutes = "idleTimeoutMinutes", ClusterLifecycle = "clusterLifecycle", AllowedIngressCidr = "allowedIngressCidr", KmsKeyArn = "kmsKeyArn",
            ForceDestroy = "forceDestroy", RunDataLoader = "runDataLoader", JobArtifactPath = "jobArtifactPath",
            StateBucket = "stateBucket", StateKey = "stateKey", ExplodeShards = "explodeShards",
            EvaluatePartitions = "evaluatePartitions";
    }

    /// <summary>Every problem with this configuration, each naming its setting; empty when it is valid.</summary>
    public IReadOnlyList<ConfigError> Validate()
    {
        var errors = new List<ConfigError>();
        void Check(bool ok, string key, string message)
        {
            if (!ok) errors.Add(new ConfigError(key, message));
        }

        Check(StackNamePattern().IsMatch(StackName), Keys.StackName,
            $"must be 1 to 64 letters, digits, '-' or '_', starting with a letter; got '{StackName}'");
        Check(RegionPattern().IsMatch(Region), Keys.Region, $"must be an AWS region such as us-east-1; got '{Region}'");
        Check(NamePrefixPattern().IsMatch(NamePrefix), Keys.NamePrefix,
            $"must be 3 to 20 lowercase letters, digits or '-', starting with a letter and not ending with '-'; got '{NamePrefix}'");

        var vpc = ParseNetwork(VpcCidr, Keys.VpcCidr, errors);
        var subnet = ParseNetwork(SubnetCidr, Keys.SubnetCidr, errors);
        if (vpc is { } v && subnet is { } s)
        {
            Check(v.PrefixLength is >= 16 and <= 28, Keys.VpcCidr, $"must have a prefix length from /16 to /28 (an AWS limit); got '{VpcCidr}'");
            Check(v.Contains(s.BaseAddress) && s.PrefixLength >= v.PrefixLength, Keys.SubnetCidr,
                $"must lie inside vpcCidr {VpcCidr}; got '{SubnetCidr}'");
        }

        if (AvailabilityZone is not null)
            Check(AvailabilityZone.StartsWith(Region, StringComparison.Ordinal) && AvailabilityZone.Length == Region.Length + 1,
                Keys.AvailabilityZone, $"must be a zone of region {Region}, such as {Region}a; got '{AvailabilityZone}'");

        Check(ReleaseLabelPattern().IsMatch(EmrReleaseLabel), Keys.EmrReleaseLabel,
            $"must be an EMR 6.x or 7.x release label such as emr-7.13.0 (Spark 3 is required); got '{EmrReleaseLabel}'");
        Check(InstanceCatalogue.Find(MasterInstanceType) is not null, Keys.MasterInstanceType,
            $"must be one of the instance types the steps are sized for ({InstanceCatalogue.KnownNames}); got '{MasterInstanceType}'");
        Check(InstanceCatalogue.Find(CoreInstanceType) is not null, Keys.CoreInstanceType,
            $"must be one of the instance types the steps are sized for ({InstanceCatalogue.KnownNames}); got '{CoreInstanceType}'");
        Check(CoreInstanceCount is >= 1 and <= 100, Keys.CoreInstanceCount, $"must be from 1 to 100; got {CoreInstanceCount}");
        if (SparkSizing is { } sizing && CoreInstanceCount is >= 1)
        {
            try
            {
                ClusterPlan.For(sizing);
            }
            catch (SizingException e)
            {
                errors.Add(new ConfigError(Keys.CoreInstanceType, e.Message));
            }
        }

        if (CoreMarket == CapacityMarket.Spot)
        {
            Check(CoreSpotMaxPrice is not null, Keys.CoreSpotMaxPrice,
                "is required when coreMarket is spot: the highest price in USD per instance-hour, e.g. 0.192");
            if (CoreSpotMaxPrice is { } bid)
                Check(bid is > 0m and <= MaxSpotPrice, Keys.CoreSpotMaxPrice,
                    $"must be more than 0 and at most {MaxSpotPrice} USD per instance-hour (far above any supported type's on-demand price: "
                    + $"a higher bid is a typo or no cap at all); got {bid}");
        }
        else
            Check(CoreSpotMaxPrice is null, Keys.CoreSpotMaxPrice, "applies only when coreMarket is spot");

        Check(IdleTimeoutMinutes is >= 1 and <= 10080, Keys.IdleTimeoutMinutes,
            $"must be from 1 to 10080 minutes (EMR allows 60 seconds to 7 days); got {IdleTimeoutMinutes}");

        if (AllowedIngressCidr is not null && ParseNetwork(AllowedIngressCidr, Keys.AllowedIngressCidr, errors) is { } ingress)
            Check(ingress.PrefixLength > 0, Keys.AllowedIngressCidr,
                "must not be 0.0.0.0/0: that opens SSH to the whole internet; name your own network, e.g. 203.0.113.0/24");

        if (KmsKeyArn is not null)
            Check(KmsKeyArnPattern().IsMatch(KmsKeyArn), Keys.KmsKeyArn,
                $"must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<key id>; got '{KmsKeyArn}'");

        if (JobArtifactPath is not null)
            Check(JobArtifactPath.EndsWith(".tar.gz", StringComparison.Ordinal), Keys.JobArtifactPath,
                $"must name a .tar.gz package of the EMR job; got '{JobArtifactPath}'");

        Check(ExplodeShards is >= 1 and <= SparkSizing.MaxExplodeShards, Keys.ExplodeShards, $"must be from 1 to {SparkSizing.MaxExplodeShards}; got {ExplodeShards}");
        Check(EvaluatePartitions is >= 1 and <= 10000, Keys.EvaluatePartitions, $"must be from 1 to 10000; got {EvaluatePartitions}");

        if (StateBucket is not null)
            Check(BucketNamePattern().IsMatch(StateBucket), Keys.StateBucket, $"must be an S3 bucket name; got '{StateBucket}'");
        if (StateKey is not null)
            Check(StateBucket is not null, Keys.StateKey, "applies only together with stateBucket");

        return errors;
    }

    /// <summary>Throws <see cref="InvalidPipelineConfigException"/> listing every problem, or returns this configuration.</summary>
    public PipelineConfig EnsureValid()
    {
        var errors = Validate();
        return errors.Count == 0 ? this : throw new InvalidPipelineConfigException(errors);
    }

    private static IPNetwork? ParseNetwork(string value, string key, List<ConfigError> errors)
    {
        // The address must be the network's own: 10.0.0.1/16 is a typo for 10.0.0.0/16 or for a /32, not either.
        if (IPNetwork.TryParse(value, out var network)
            && network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && value.StartsWith(network.BaseAddress + "/", StringComparison.Ordinal))
            return network;
        errors.Add(new ConfigError(key, $"must be an IPv4 CIDR block with no host bits set, such as 10.42.0.0/16; got '{value}'"));
        return null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")] private static partial Regex StackNamePattern();
    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$")] private static partial Regex RegionPattern();
    [GeneratedRegex("^[a-z][a-z0-9-]{1,18}[a-z0-9]$")] private static partial Regex NamePrefixPattern();
    [GeneratedRegex(@"^emr-[67]\.[0-9]+\.[0-9]+$")] private static partial Regex ReleaseLabelPattern();
    [GeneratedRegex(@"^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$")] private static partial Regex KmsKeyArnPattern();
    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")] private static partial Regex BucketNamePattern();
}
