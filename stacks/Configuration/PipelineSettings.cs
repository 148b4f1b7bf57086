using System.Net;
using System.Text.RegularExpressions;
using MnistEmr.Common.Cli;
using MnistEmr.Stacks.Constructs;

namespace MnistEmr.Stacks.Configuration;

/// <summary>
/// Every setting of the stack, each declared once: its key (the environment variable follows from it), type, default,
/// rules and description. <see cref="PipelineConfigReader"/> reads them, <see cref="PipelineConfig.Validate"/> checks
/// them and docs/configuration.md's settings table is generated from them (<see cref="SettingsTable"/>).
/// </summary>
/// <remarks>
/// A new setting is an entry here (added to <see cref="All"/>) and its typed property on <see cref="PipelineConfig"/>,
/// which starts from the entry's default. The order of <see cref="All"/> is the settings table's (docs/configuration.md) and the order in which
/// problems are reported; it also breaks ties between equally likely suggestions for a misspelt variable.
/// </remarks>
public static partial class PipelineSettings
{
    internal static readonly Setting<string> StackName = Setting.Of("stackName", SettingTypes.Text, "mnist-pipeline",
            c => c.StackName, (c, v) => c with { StackName = v },
            "Terraform stack name and folder under `cdktf.out/stacks/`")
        .Must(v => StackNamePattern().IsMatch(v), v => $"must be 1 to 64 letters, digits, '-' or '_', starting with a letter; got '{v}'");

    internal static readonly Setting<string> Region = Setting.Of("region", SettingTypes.Text, "us-east-1",
            c => c.Region, (c, v) => c with { Region = v },
            "AWS region of every resource")
        .Must(v => RegionPattern().IsMatch(v), v => $"must be an AWS region such as us-east-1; got '{v}'");

    internal static readonly Setting<string?> AccountId = Setting.Of("accountId", SettingTypes.OptionalText, null,
            c => c.AccountId, (c, v) => c with { AccountId = v },
            "the AWS account deployed to, which the EMR service role's trust policy (`aws:SourceAccount`, `aws:SourceArn`), the "
            + "log deliveries and the stack's key policy name; unset, Terraform reads the deploying credentials' account at plan "
            + "time (`aws_caller_identity`, or the Terraform variable `account_id`)", unset: "the credentials' account")
        .Must(v => v is null || AccountIdPattern().IsMatch(v), v => $"must be a 12-digit AWS account id such as 123456789012; got '{v}'");

    internal static readonly Setting<string> NamePrefix = Setting.Of("namePrefix", SettingTypes.Text, "mnist-emr",
            c => c.NamePrefix, (c, v) => c with { NamePrefix = v },
            "prefix of every name (3–20 of `a-z0-9-`); bucket names get a unique suffix from AWS")
        .Must(v => NamePrefixPattern().IsMatch(v),
            v => $"must be 3 to 20 lowercase letters, digits or '-', starting with a letter and not ending with '-'; got '{v}'");

    internal static readonly Setting<string> VpcCidr = Setting.Of("vpcCidr", SettingTypes.Text, "10.42.0.0/16",
            c => c.VpcCidr, (c, v) => c with { VpcCidr = v },
            "VPC CIDR, /16 to /28")
        .Must(v => Network(v) is not null, CidrMessage)
        .Must(v => Network(v) is { PrefixLength: >= 16 and <= 28 }, v => $"must have a prefix length from /16 to /28 (an AWS limit); got '{v}'");

    internal static readonly Setting<string> SubnetCidr = Setting.Of("subnetCidr", SettingTypes.Text, "10.42.0.0/24",
            c => c.SubnetCidr, (c, v) => c with { SubnetCidr = v },
            "public subnet CIDR, inside the VPC")
        .Must(v => Network(v) is not null, CidrMessage)
        .Must((v, c) => Network(c.VpcCidr) is not { } vpc || (Network(v) is { } subnet && vpc.Contains(subnet.BaseAddress) && subnet.PrefixLength >= vpc.PrefixLength),
            (v, c) => $"must lie inside {VpcCidr.Key} {c.VpcCidr}; got '{v}'");

    internal static readonly Setting<string?> AvailabilityZone = Setting.Of("availabilityZone", SettingTypes.OptionalText, null,
            c => c.AvailabilityZone, (c, v) => c with { AvailabilityZone = v },
            "zone of the subnet, e.g. `us-east-1a`", unset: "AWS picks")
        .Must((v, c) => v is null || (v.StartsWith(c.Region, StringComparison.Ordinal) && v.Length == c.Region.Length + 1),
            (v, c) => $"must be a zone of region {c.Region}, such as {c.Region}a; got '{v}'");

    internal static readonly Setting<string> EmrReleaseLabel = Setting.Of("emrReleaseLabel", SettingTypes.Text, "emr-7.13.0",
            c => c.EmrReleaseLabel, (c, v) => c with { EmrReleaseLabel = v },
            "EMR release (7.x ships Spark 3.5)")
        .Must(v => ReleaseLabelPattern().IsMatch(v), v => $"must be an EMR 6.x or 7.x release label such as emr-7.13.0 (Spark 3 is required); got '{v}'");

    internal static readonly Setting<string> MasterInstanceType = Setting.Of("masterInstanceType", SettingTypes.Text, InstanceCatalogue.Default.Name,
            c => c.MasterInstanceType, (c, v) => c with { MasterInstanceType = v },
            "primary node type, one of the supported types below")
        .Must(v => InstanceCatalogue.Find(v) is not null, InstanceTypeMessage);

    internal static readonly Setting<string> CoreInstanceType = Setting.Of("coreInstanceType", SettingTypes.Text, InstanceCatalogue.Default.Name,
            c => c.CoreInstanceType, (c, v) => c with { CoreInstanceType = v },
            "core node type; every Spark executor is sized from it (see below)")
        .Must(v => InstanceCatalogue.Find(v) is not null, InstanceTypeMessage)
        .Check((_, c) => SizingProblem(c with { TrainingSweep = 0 }));

    internal static readonly Setting<int> CoreInstanceCount = Setting.Of("coreInstanceCount", SettingTypes.WholeNumber, SparkSizing.DefaultCoreInstanceCount,
            c => c.CoreInstanceCount, (c, v) => c with { CoreInstanceCount = v },
            "core nodes, 1–100")
        .Must(v => v is >= 1 and <= 100, v => $"must be from 1 to 100; got {v}");

    internal static readonly Setting<CapacityMarket> CoreMarket = Setting.Of("coreMarket",
            SettingTypes.Choice(("on-demand", CapacityMarket.OnDemand), ("ondemand", CapacityMarket.OnDemand), ("spot", CapacityMarket.Spot)),
            CapacityMarket.OnDemand, c => c.CoreMarket, (c, v) => c with { CoreMarket = v },
            "`on-demand` or `spot` for the core nodes");

    internal static readonly Setting<decimal?> CoreSpotMaxPrice = Setting.Of("coreSpotMaxPrice", SettingTypes.OptionalNumber("0.192"), null,
            c => c.CoreSpotMaxPrice, (c, v) => c with { CoreSpotMaxPrice = v },
            "USD per instance-hour; required with `spot`")
        .Must((v, c) => v is null || c.CoreMarket == CapacityMarket.Spot, (_, _) => $"applies only when {CoreMarket.Key} is spot")
        .Must((v, c) => v is not null || c.CoreMarket != CapacityMarket.Spot,
            (_, _) => $"is required when {CoreMarket.Key} is spot: the highest price in USD per instance-hour, e.g. 0.192")
        .Must(v => v is null or (> 0m and <= PipelineConfig.MaxSpotPrice),
            v => $"must be more than 0 and at most {PipelineConfig.MaxSpotPrice} USD per instance-hour (far above any supported type's on-demand price: "
                + $"a higher bid is a typo or no cap at all); got {v}");

    // Before clusterLifecycle, as the reader has always taken them: a text that parses as neither is reported in this order.
    internal static readonly Setting<int> IdleTimeoutMinutes = Setting.Of("idleTimeoutMinutes", SettingTypes.WholeNumber, 60,
            c => c.IdleTimeoutMinutes, (c, v) => c with { IdleTimeoutMinutes = v },
            "EMR terminates the cluster after this idle time (1–10080)")
        .Must(v => v is >= 1 and <= 10080, v => $"must be from 1 to 10080 minutes (EMR allows 60 seconds to 7 days); got {v}");

    internal static readonly Setting<ClusterLifecycle> ClusterLifecycle = Setting.Of("clusterLifecycle",
            SettingTypes.Choice(("transient", Configuration.ClusterLifecycle.Transient), ("persistent", Configuration.ClusterLifecycle.Persistent)),
            Configuration.ClusterLifecycle.Transient, c => c.ClusterLifecycle, (c, v) => c with { ClusterLifecycle = v },
            "`transient`: the cluster ends after its last step, success or failure; `persistent`: it waits for more steps "
            + "until the idle timeout (see [Runs](emr.md#runs-a-deploy-is-a-run))");

    internal static readonly Setting<string?> AllowedIngressCidr = Setting.Of("allowedIngressCidr", SettingTypes.OptionalText, null,
            c => c.AllowedIngressCidr, (c, v) => c with { AllowedIngressCidr = v },
            "the one network allowed SSH to the primary node; no ingress when unset; `0.0.0.0/0` is refused", unset: "none")
        .Must(v => v is null || Network(v) is not null, CidrMessage)
        .Must(v => v is null || Network(v) is { PrefixLength: > 0 },
            _ => "must not be 0.0.0.0/0: that opens SSH to the whole internet; name your own network, e.g. 203.0.113.0/24");

    internal static readonly Setting<string?> KmsKeyArn = Setting.Of("kmsKeyArn", SettingTypes.OptionalText, null,
            c => c.KmsKeyArn, (c, v) => c with { KmsKeyArn = v },
            "SSE-KMS key for every bucket but the log bucket (S3 access logs need SSE-S3), EMRFS and the nodes' local disks and EBS volumes",
            unset: "none (the stack's own key, see `kmsKey`)")
        .Must(v => v is null || KmsKeyArnPattern().IsMatch(v),
            v => $"must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<key id>; got '{v}'");

    internal static readonly Setting<KmsKeySource> KmsKey = Setting.Of("kmsKey",
            SettingTypes.Choice(("none", KmsKeySource.None), ("create", KmsKeySource.Create)),
            KmsKeySource.Create, c => c.KmsKey, (c, v) => c with { KmsKey = v },
            "`create`: the stack creates its own KMS key (rotated yearly, $1 a month) for the data buckets (SSE-KMS with bucket "
            + "keys), EMRFS and the nodes' local disks and EBS volumes, unless `kmsKeyArn` names one; `none`: `kmsKeyArn`, or "
            + "SSE-S3 and no local-disk encryption without it");

    internal static readonly Setting<bool> ForceDestroy = Setting.Of("forceDestroy", SettingTypes.Flag, false,
        c => c.ForceDestroy, (c, v) => c with { ForceDestroy = v },
        "let `cdktf destroy` delete buckets that still hold objects");

    internal static readonly Setting<bool> RunDataLoader = Setting.Of("runDataLoader", SettingTypes.Flag, true,
        c => c.RunDataLoader, (c, v) => c with { RunDataLoader = v },
        "run the data loader during apply");

    internal static readonly Setting<string?> JobArtifactPath = Setting.Of("jobArtifactPath", SettingTypes.OptionalText, null,
            c => c.JobArtifactPath, (c, v) => c with { JobArtifactPath = v },
            "the EMR job package (`.tar.gz`); adds its upload, the bootstrap action that installs it and the job's six Spark steps",
            unset: "`emr-job/dist/…tar.gz` when published")
        .Must(v => v is null || v.EndsWith(".tar.gz", StringComparison.Ordinal), v => $"must name a .tar.gz package of the EMR job; got '{v}'");

    internal static readonly Setting<int> ExplodeShards = Setting.Of("explodeShards", SettingTypes.WholeNumber, SparkSizing.DefaultExplodeShards,
            c => c.ExplodeShards, (c, v) => c with { ExplodeShards = v },
            "Spark tasks per split in the explode step")
        .Must(v => v is >= 1 and <= SparkSizing.MaxExplodeShards, v => $"must be from 1 to {SparkSizing.MaxExplodeShards}; got {v}");

    internal static readonly Setting<bool> ReExplode = Setting.Of("reExplode", SettingTypes.Flag, false,
        c => c.ReExplode, (c, v) => c with { ReExplode = v },
        $"explode every shard again (`{SparkSizing.ReExplodeOption}` on the explode step); `false` keeps the shards whose FORMAT A in S3|2 "
        + "is up to date with S3|1's SHA-256s, the layout and `explodeShards`, saving a re-run its 140,000 PUTs");

    internal static readonly Setting<int> EvaluatePartitions = Setting.Of("evaluatePartitions", SettingTypes.WholeNumber, SparkSizing.DefaultEvaluatePartitions,
            c => c.EvaluatePartitions, (c, v) => c with { EvaluatePartitions = v },
            "Spark tasks of the evaluate step, and shuffle partitions")
        .Must(v => v is >= 1 and <= SparkSizing.MaxEvaluatePartitions, v => $"must be from 1 to {SparkSizing.MaxEvaluatePartitions}; got {v}");

    internal static readonly Setting<int> TrainingSweep = Setting.Of("trainingSweep", SettingTypes.WholeNumber, 0,
            c => c.TrainingSweep, (c, v) => c with { TrainingSweep = v },
            "hyperparameter configurations the train step fits at once, one executor each, keeping the best by validation "
            + "log-loss; 0 trains once on every training digit")
        .Must(v => v is 0 or (>= 2 and <= SparkSizing.MaxSweepCandidates), v => $"must be 0 (no sweep) or from 2 to {SparkSizing.MaxSweepCandidates}; got {v}")
        // A cluster too small for the steps themselves is the core type's problem; only what the sweep adds is this one's.
        .Check((v, c) => v > 0 && SizingProblem(c with { TrainingSweep = 0 }) is null ? SizingProblem(c) : null);

    internal static readonly Setting<string?> NotifyEmail = Setting.Of("notifyEmail", SettingTypes.OptionalText, null,
            c => c.NotifyEmail, (c, v) => c with { NotifyEmail = v },
            "an email address subscribed to the run's notifications (a failed or cancelled step, the last step done, the cluster ended); "
            + "SNS mails a confirmation link first", unset: "none (subscribe yourself: see [Notifications](operations.md#notifications-and-the-dashboard))")
        .Must(v => v is null || EmailPattern().IsMatch(v), v => $"must be one email address such as ops@example.com; got '{v}'");

    internal static readonly Setting<Notebooks> Notebooks = Setting.Of("notebooks",
            SettingTypes.Choice(("none", Configuration.Notebooks.None), ("studio", Configuration.Notebooks.Studio)),
            Configuration.Notebooks.None, c => c.Notebooks, (c, v) => c with { Notebooks = v },
            "`studio`: an EMR Studio (IAM authentication) whose workspaces attach to the cluster, which then also runs "
            + "JupyterEnterpriseGateway and Livy; needs `clusterLifecycle` `persistent`; `none`: no notebooks")
        // A workspace attaches to a running cluster (EMR Management Guide, "Attach a compute to an EMR Studio
        // Workspace"); a transient cluster ends after its last step, so there would be nothing to attach to.
        .Must((v, c) => v != Configuration.Notebooks.Studio || c.ClusterLifecycle == Configuration.ClusterLifecycle.Persistent,
            (_, c) => $"studio needs {ClusterLifecycle.Key} persistent, not {ClusterLifecycle.TextIn(c)}: a workspace attaches to a running cluster, "
                + "and a transient one ends after its last step");

    internal static readonly Setting<string?> StateBucket = Setting.Of("stateBucket", SettingTypes.OptionalText, null,
            c => c.StateBucket, (c, v) => c with { StateBucket = v },
            "S3 bucket of the Terraform state", unset: "none (local state)")
        .Must(v => v is null || BucketNamePattern().IsMatch(v), v => $"must be an S3 bucket name; got '{v}'");

    internal static readonly Setting<string?> StateKey = Setting.Of("stateKey", SettingTypes.OptionalText, null,
            c => c.StateKey, (c, v) => c with { StateKey = v },
            "state object key, with `stateBucket`", unset: "`<namePrefix>/terraform.tfstate`")
        .Must((v, c) => v is null || c.StateBucket is not null, (_, _) => $"applies only together with {StateBucket.Key}");

    /// <summary>Every setting, in the settings table's order.</summary>
    public static IReadOnlyList<Setting> All { get; } =
    [
        StackName, Region, AccountId, NamePrefix, VpcCidr, SubnetCidr, AvailabilityZone, EmrReleaseLabel, MasterInstanceType,
        CoreInstanceType, CoreInstanceCount, CoreMarket, CoreSpotMaxPrice, IdleTimeoutMinutes, ClusterLifecycle,
        AllowedIngressCidr, KmsKeyArn, KmsKey, ForceDestroy, RunDataLoader, JobArtifactPath, ExplodeShards, ReExplode, EvaluatePartitions,
        TrainingSweep, NotifyEmail, Notebooks, StateBucket, StateKey,
    ];

    /// <summary>The setting of a context key, or null when no setting has it.</summary>
    public static Setting? Find(string key) => All.FirstOrDefault(s => s.Key == key);

    /// <summary>Every rule <paramref name="config"/> breaks, at most one per setting, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<ConfigError> ProblemsIn(PipelineConfig config) =>
        All.Select(s => s.ProblemIn(config) is { } problem ? new ConfigError(s.Key, problem) : null).OfType<ConfigError>().ToList();

    private static string CidrMessage(string? value) =>
        $"must be an IPv4 CIDR block with no host bits set, such as 10.42.0.0/16; got '{value}'";

    private static string InstanceTypeMessage(string value) =>
        $"must be one of the instance types the steps are sized for ({InstanceCatalogue.KnownNames}); got '{value}'";

    // The address must be the network's own: 10.0.0.1/16 is a typo for 10.0.0.0/16 or for a /32, not either.
    private static IPNetwork? Network(string value) =>
        IPNetwork.TryParse(value, out var network)
        && network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
        && value.StartsWith(network.BaseAddress + "/", StringComparison.Ordinal)
            ? network
            : null;

    // Whether the job's steps fit the core nodes is known only once the type is one of the catalogue's.
    private static string? SizingProblem(PipelineConfig config)
    {
        if (config.SparkSizing is not { } sizing || config.CoreInstanceCount < 1)
            return null;
        try
        {
            ClusterPlan.For(sizing);
            return null;
        }
        catch (SizingException e)
        {
            return e.Message;
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")] private static partial Regex StackNamePattern();
    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$")] private static partial Regex RegionPattern();
    [GeneratedRegex("^[0-9]{12}$")] private static partial Regex AccountIdPattern();
    [GeneratedRegex("^[a-z][a-z0-9-]{1,18}[a-z0-9]$")] private static partial Regex NamePrefixPattern();
    [GeneratedRegex(@"^emr-[67]\.[0-9]+\.[0-9]+$")] private static partial Regex ReleaseLabelPattern();
    [GeneratedRegex(@"^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$")] private static partial Regex KmsKeyArnPattern();
    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")] private static partial Regex BucketNamePattern();
    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")] private static partial Regex EmailPattern();
}
