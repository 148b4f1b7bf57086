using Constructs;
using HashiCorp.Cdktf;
using HashiCorp.Cdktf.Providers.Aws.Provider;
using Pipeline.Stacks.Configuration;
using Pipeline.Stacks.Constructs;

namespace Pipeline.Stacks;

/// <summary>
/// The whole MNIST-on-EMR pipeline as one Terraform stack, declared in data-flow order:
/// S3|1 SOURCE_MNIST_DATA → S3|2 FORMAT A → S3|4 Serialized Model → S3|3 Model Performance Report,
/// then the network and the EMR cluster whose job connects them.
/// </summary>
public sealed class PipelineStack : TerraformStack
{
    /// <summary>Key prefix of the raw dataset in S3|1.</summary>
    public const string DatasetPrefix = "mnist/";

    /// <summary>Key prefix of FORMAT A in S3|2.</summary>
    public const string FormatAPrefix = "format-a/";

    /// <summary>Key prefix of the models in S3|4.</summary>
    public const string ModelPrefix = "models/";

    /// <summary>Key prefix of the reports in S3|3.</summary>
    public const string ReportPrefix = "reports/";

    /// <summary>Synthesizes the stack from a configuration, which is validated first.</summary>
    /// <param name="scope">The app.</param>
    /// <param name="config">The deployment's settings.</param>
    /// <param name="repositoryRoot">The repository's absolute path, whose files some resources use.</param>
    /// <exception cref="InvalidPipelineConfigException">A setting is invalid; the message names each.</exception>
    public PipelineStack(Construct scope, PipelineConfig config, string repositoryRoot)
        : base(scope, config.EnsureValid().StackName)
    {
        var prefix = config.NamePrefix;
        var repository = new RepositoryLayout(repositoryRoot, Path.Combine(App.Of(this).Outdir, "stacks", config.StackName));

        new AwsProvider(this, "aws", new AwsProviderConfig
        {
            Region = config.Region,
            DefaultTags = new[] { new AwsProviderDefaultTags { Tags = new Dictionary<string, string> { ["Project"] = prefix, ["ManagedBy"] = "cdktf" } } },
        });
        UseBackend(config, repository);

        var encryption = new BucketEncryption(config.KmsKeyArn);
        DataBucket Bucket(string id, string node, bool versioned = false, int? expireAfterDays = null) => new(this, id, new DataBucketProps
        {
            PipelineNode = node,
            BucketPrefix = $"{prefix}-{id}-",
            Encryption = encryption,
            Versioned = versioned,
            ForceDestroy = config.ForceDestroy,
            ExpireObjectsAfterDays = expireAfterDays,
        });

        Source = Bucket("s3-1-source", "S3|1 SOURCE_MNIST_DATA");
        FormatA = Bucket("s3-2-format-a", "S3|2 FORMAT A");
        Model = Bucket("s3-4-model", "S3|4 Serialized Model", versioned: true);
        Report = Bucket("s3-3-report", "S3|3 Model Performance Report", versioned: true);
        Logs = Bucket("emr-logs", "EMR logs", expireAfterDays: 90);
        Artifacts = Bucket("job-artifacts", "EMR job artifacts", versioned: true);

        Loader = config.RunDataLoader
            ? new DataLoaderHook(this, "data-loader", new DataLoaderHookProps
            {
                Target = Source,
                TargetPrefix = DatasetPrefix,
                Repository = repository,
                Region = config.Region,
            })
            : null;

        Job = config.JobArtifactPath is { } package
            ? new JobArtifact(this, "job-artifact", new JobArtifactProps { PackagePath = package, Bucket = Artifacts, Repository = repository })
            : null;

        Network = new Network(this, "network", new NetworkProps
        {
            NamePrefix = prefix,
            Region = config.Region,
            VpcCidr = config.VpcCidr,
            SubnetCidr = config.SubnetCidr,
            AvailabilityZone = config.AvailabilityZone,
        });

        var roles = new EmrRoles(this, "emr-roles", new EmrRolesProps
        {
            NamePrefix = prefix,
            KmsKeyArn = config.KmsKeyArn,
            Grants =
            [
                new BucketGrant(Source, BucketAccess.Read),
                new BucketGrant(FormatA, BucketAccess.ReadWrite),
                new BucketGrant(Model, BucketAccess.ReadWrite),
                new BucketGrant(Report, BucketAccess.ReadWrite),
                new BucketGrant(Logs, BucketAccess.Write),
                new BucketGrant(Artifacts, BucketAccess.Read),
            ],
        });

        Cluster = new EmrCluster(this, "emr", new EmrClusterProps
        {
            Name = $"{prefix}-mnist",
            ReleaseLabel = config.EmrReleaseLabel,
            Roles = roles,
            SecurityGroups = new EmrSecurityGroups(this, "emr-security-groups", new EmrSecurityGroupsProps
            {
                NamePrefix = prefix,
                VpcId = Network.Vpc.Id,
                AllowedIngressCidr = config.AllowedIngressCidr,
            }),
            SecurityConfiguration = new EmrSecurityConfiguration(this, "emr-security-configuration", new EmrSecurityConfigurationProps
            {
                NamePrefix = prefix,
                KmsKeyArn = config.KmsKeyArn,
            }),
            Network = Network,
            LogUri = Logs.Uri("emr/"),
            Lifecycle = config.ClusterLifecycle,
            IdleTimeout = TimeSpan.FromMinutes(config.IdleTimeoutMinutes),
            PrimaryInstanceType = config.MasterInstanceType,
            CoreInstanceType = config.CoreInstanceType,
            CoreInstanceCount = config.CoreInstanceCount,
            CoreMarket = config.CoreMarket,
            CoreSpotMaxPrice = config.CoreSpotMaxPrice,
            BootstrapActions = Job is null ? [] : [Job.BootstrapAction],
            // The job's steps come with the job: without a package there is nothing to run.
            Steps = Job is null ? [] : JobSteps(config, Job),
            // Everything the cluster needs at start, which it names only as text (URIs) or through its roles: the
            // loader's data, the job's uploads, the roles' rights and every bucket's guards. No race on first apply.
            WaitFor =
            [
                .. Loader is null ? [] : new ITerraformDependable[] { Loader.Resource },
                .. Job?.Uploads ?? [],
                .. roles.Policies,
                .. new[] { Source, FormatA, Model, Report, Logs, Artifacts }.SelectMany(b => b.Guards),
            ],
        });

        DeclareOutputs();
    }

    /// <summary>S3|1 SOURCE_MNIST_DATA: the raw IDX files.</summary>
    public DataBucket Source { get; }

    /// <summary>S3|2 FORMAT A: every digit as a PNG beside its label.</summary>
    public DataBucket FormatA { get; }

    /// <summary>S3|4 Serialized Model.</summary>
    public DataBucket Model { get; }

    /// <summary>S3|3 Model Performance Report.</summary>
    public DataBucket Report { get; }

    /// <summary>EMR's cluster and step logs.</summary>
    public DataBucket Logs { get; }

    /// <summary>The job package and its bootstrap script.</summary>
    public DataBucket Artifacts { get; }

    /// <summary>The network the cluster runs in.</summary>
    public Network Network { get; }

    /// <summary>The data loader run during apply; null when turned off.</summary>
    public DataLoaderHook? Loader { get; }

    /// <summary>The uploaded job; null when no package is configured.</summary>
    public JobArtifact? Job { get; }

    /// <summary>The EMR cluster.</summary>
    public EmrCluster Cluster { get; }

    /// <summary>Logical ids from the construct path alone (<c>s3_1_source_bucket</c>): readable, and stable as long as the path is.</summary>
    protected override string AllocateLogicalId(object tfElement)
    {
        var node = tfElement is Node n ? n : ((Construct)tfElement).Node;
        var path = node.Scopes.SkipWhile(s => s != this).Skip(1).Select(s => s.Node.Id);
        return string.Join('_', path).Replace('-', '_');
    }

    /// <summary>
    /// The job's steps, generated by the job's own step definitions over this stack's buckets. The run id names the
    /// package, so each new build of the job writes its model and report under a new run. The stack takes them as
    /// they are: one description of the steps for the stack, the job and the review.
    /// </summary>
    private IReadOnlyList<MnistJob.Steps.JobStep> JobSteps(PipelineConfig config, JobArtifact job)
    {
        var locations = new MnistJob.Steps.StepLocations(
            Source.Uri(DatasetPrefix), FormatA.Uri(FormatAPrefix), Model.Uri(ModelPrefix), Report.Uri(ReportPrefix));
        // A valid configuration has a sizing (its core instance type is in the catalogue, and the steps fit it).
        return MnistJob.Steps.PipelineSteps.For(locations, config.SparkSizing!, $"job-{job.PackageSha256[..12]}");
    }

    private void UseBackend(PipelineConfig config, RepositoryLayout repository)
    {
        if (config.StateBucket is { } bucket)
        {
            var backend = new S3Backend(this, new S3BackendConfig
            {
                Bucket = bucket,
                Key = config.StateKey ?? $"{config.NamePrefix}/terraform.tfstate",
                Region = config.Region,
                Encrypt = true,
            });
            // S3-native state locking (Terraform 1.10+); the binding predates the setting.
            backend.AddOverride("use_lockfile", true);
            return;
        }
        // Relative to the stack folder, so no absolute path of this machine lands in the synthesized stack.
        new LocalBackend(this, new LocalBackendConfig { Path = $"{repository.RootFromStack}/terraform.{config.StackName}.tfstate" });
    }

    private void DeclareOutputs()
    {
        void Output(string id, string value, string description) =>
            new TerraformOutput(this, id, new TerraformOutputConfig { Value = value, Description = description });

        Output("s3_1_source_bucket", Source.BucketName, "S3|1 SOURCE_MNIST_DATA bucket");
        Output("s3_1_dataset_uri", Source.Uri(DatasetPrefix), "Where the data loader writes the raw MNIST files");
        Output("s3_2_format_a_bucket", FormatA.BucketName, "S3|2 FORMAT A bucket");
        Output("s3_2_format_a_uri", FormatA.Uri(FormatAPrefix), "Where the job writes FORMAT A");
        Output("s3_4_model_bucket", Model.BucketName, "S3|4 Serialized Model bucket");
        Output("s3_4_model_uri", Model.Uri(ModelPrefix), "Where the job writes the serialized model");
        Output("s3_3_report_bucket", Report.BucketName, "S3|3 Model Performance Report bucket");
        Output("s3_3_report_uri", Report.Uri(ReportPrefix), "Where the job writes the performance report");
        Output("emr_log_uri", Logs.Uri("emr/"), "EMR cluster and step logs");
        Output("emr_cluster_id", Cluster.ClusterId, "EMR cluster id");
        Output("emr_primary_public_dns", Cluster.PrimaryPublicDns, "Public DNS name of the EMR primary node");
        Output("vpc_id", Network.Vpc.Id, "VPC the cluster runs in");
    }
}
