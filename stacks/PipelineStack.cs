using MnistEmr.Stacks.Constructs;

namespace MnistEmr.Stacks;

/// <summary>
/// The whole MNIST-on-EMR pipeline as one Terraform stack, declared in data-flow order:
/// S3|1 SOURCE_MNIST_DATA → S3|2 FORMAT A → S3|4 Serialized Model → S3|3 Model Performance Report,
/// then the network and the EMR cluster whose job connects them. Each node's construct id, title, key prefix and
/// bucket settings come from its entry in <see cref="PipelineNodes"/>.
/// </summary>
public sealed class PipelineStack : TerraformStack
{
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

        // The account every account-pinning policy names: the accountId setting, else the deploying credentials'.
        Account = new DeployAccount(this, "account", config.AccountId);

        // The stack's own key by default (kmsKey: create), unless kmsKeyArn names one; kmsKey: none without a key
        // ARN leaves SSE-S3. The key costs $1 a month (AWS KMS pricing, https://aws.amazon.com/kms/pricing/), which
        // the review prices; it encrypts the data buckets, EMRFS and the nodes' local disks and EBS volumes.
        Key = config.KmsKey == KmsKeySource.Create && config.KmsKeyArn is null
            ? new PipelineKey(this, PipelineNodes.Encryption.ConstructId, new PipelineKeyProps
            {
                NamePrefix = prefix,
                AccountId = Account.Id,
                Region = config.Region,
            })
            : null;
        var keyArn = Key?.Arn ?? config.KmsKeyArn;
        var encryption = new BucketEncryption(keyArn);
        // Every bucket node of the catalogue, in its order: S3|1, S3|2, S3|4, S3|3, the logs, the job's artifacts.
        Buckets = PipelineNodes.Buckets.Select(node => new DataBucket(this, new DataBucketProps
        {
            PipelineNode = node,
            NamePrefix = prefix,
            // The log bucket receives S3 server access logs, which S3 delivers only to a bucket whose default
            // encryption is SSE-S3 ("Enabling Amazon S3 server access logging", S3 User Guide): it stays SSE-S3.
            Encryption = node == PipelineNodes.Logs ? BucketEncryption.S3Managed : encryption,
            ForceDestroy = config.ForceDestroy,
        })).ToArray();

        Loader = config.RunDataLoader
            ? new DataLoaderHook(this, PipelineNodes.Loader.ConstructId, new DataLoaderHookProps
            {
                Target = Source,
                Repository = repository,
                Region = config.Region,
            })
            : null;

        Job = config.JobArtifactPath is { } package
            ? new JobArtifact(this, PipelineNodes.JobUploadsConstructId, new JobArtifactProps { PackagePath = package, Bucket = Artifacts, Repository = repository })
            : null;

        Network = new Network(this, PipelineNodes.Network.ConstructId, new NetworkProps
        {
            NamePrefix = prefix,
            Region = config.Region,
            VpcCidr = config.VpcCidr,
            SubnetCidr = config.SubnetCidr,
            AvailabilityZone = config.AvailabilityZone,
        });

        // Flow logs of the VPC and access logs of every other bucket, into the log bucket; made in the log bucket's
        // scope, so the review counts the flow log with the logs node.
        new LogDelivery(Logs, "delivery", new LogDeliveryProps
        {
            Target = Logs,
            LoggedBuckets = Buckets.Where(b => b != Logs).ToArray(),
            VpcId = Network.Vpc.Id,
            Region = config.Region,
            NamePrefix = prefix,
            AccountId = Account.Id,
        });

        var roles = new EmrRoles(this, PipelineNodes.Iam.ConstructId, new EmrRolesProps
        {
            NamePrefix = prefix,
            Region = config.Region,
            AccountId = Account.Id,
            KmsKeyArn = keyArn,
            // The data buckets as the steps use them; EMR itself writes the logs, and the bootstrap action reads the job.
            Grants =
            [
                .. DataBuckets.Where(b => b.PipelineNode.UsedBy.Any()).Select(BucketGrant.ForSteps),
                new BucketGrant(Logs, BucketAccess.Write),
                new BucketGrant(Artifacts, BucketAccess.Read),
            ],
        });

        var clusterName = $"{prefix}-mnist";
        var steps = Job is null ? [] : JobSteps(config, Job);
        var dashboardName = RunDashboard.NameOf(prefix, config.StackName);
        // Before the cluster, which waits for it: the first step cannot end before the rule can tell someone.
        Notifications = new RunNotifications(this, PipelineNodes.Notifications.ConstructId, new RunNotificationsProps
        {
            NamePrefix = prefix,
            ClusterName = clusterName,
            LastStepName = steps.Count == 0 ? null : steps[^1].Name,
            RunId = Job is null ? null : RunIdOf(Job),
            DashboardUrl = RunDashboard.UrlOf(config.Region, dashboardName),
            AccountId = Account.Id,
            Email = config.NotifyEmail,
        });

        Cluster = new EmrCluster(this, PipelineNodes.Emr.ConstructId, new EmrClusterProps
        {
            Name = clusterName,
            ReleaseLabel = config.EmrReleaseLabel,
            Roles = roles,
            SecurityGroups = new EmrSecurityGroups(this, PipelineNodes.EmrSecurityGroupsConstructId, new EmrSecurityGroupsProps
            {
                NamePrefix = prefix,
                VpcId = Network.Vpc.Id,
                AllowedIngressCidr = config.AllowedIngressCidr,
            }),
            SecurityConfiguration = new EmrSecurityConfiguration(this, PipelineNodes.EmrSecurityConfigurationConstructId, new EmrSecurityConfigurationProps
            {
                NamePrefix = prefix,
                // The stack's key by its alias ARN, which is known at plan time (the key's ARN is not until apply), so
                // the plan shows the whole configuration and the review reads it.
                KmsKeyArn = Key?.AliasArn ?? keyArn,
            }),
            Network = Network,
            LogUri = Logs.DataUri,
            Lifecycle = config.ClusterLifecycle,
            IdleTimeout = TimeSpan.FromMinutes(config.IdleTimeoutMinutes),
            PrimaryInstanceType = config.MasterInstanceType,
            CoreInstanceType = config.CoreInstanceType,
            CoreInstanceCount = config.CoreInstanceCount,
            CoreMarket = config.CoreMarket,
            CoreSpotMaxPrice = config.CoreSpotMaxPrice,
            ExtraApplications = config.Notebooks == Configuration.Notebooks.Studio ? NotebookStudio.ClusterApplications : [],
            BootstrapActions = Job is null ? [] : [Job.BootstrapAction],
            // The job's steps come with the job: without a package there is nothing to run.
            Steps = steps,
            // Everything the cluster needs at start, which it names only as text (URIs) or through its roles: the
            // loader's data, the job's uploads, the roles' rights and every bucket's guards. No race on first apply.
            WaitFor =
            [
                .. Loader is null ? [] : new ITerraformDependable[] { Loader.Resource },
                .. Job?.Uploads ?? [],
                .. roles.Policies,
                .. Buckets.SelectMany(b => b.Guards),
                .. Notifications.Ready,
            ],
        });

        Dashboard = new RunDashboard(this, PipelineNodes.Dashboard.ConstructId, new RunDashboardProps
        {
            Name = dashboardName,
            Region = config.Region,
            ClusterId = Cluster.ClusterId,
            NotificationRuleName = Notifications.Rule.Name,
            StepNames = steps.Select(s => s.Name).ToArray(),
        });

        Studio = config.Notebooks == Configuration.Notebooks.Studio
            ? new NotebookStudio(this, PipelineNodes.Notebooks.ConstructId, new NotebookStudioProps
            {
                NamePrefix = prefix,
                Region = config.Region,
                AccountId = Account.Id,
                Network = Network,
                NotebookBucket = Report,
                NotebookPrefix = NotebookPrefix,
                KmsKeyArn = keyArn,
            })
            : null;

        DeclareOutputs();
    }

    /// <summary>Every bucket of the stack, one per bucket node of <see cref="PipelineNodes.Buckets"/>, in that order.</summary>
    public IReadOnlyList<DataBucket> Buckets { get; }

    /// <summary>The buckets of the pipeline's data (<see cref="PipelineNodes.DataBuckets"/>), in flow order.</summary>
    public IEnumerable<DataBucket> DataBuckets => Buckets.Where(b => b.PipelineNode.Kind == NodeKind.DataBucket);

    /// <summary>S3|1 SOURCE_MNIST_DATA: the raw IDX files.</summary>
    public DataBucket Source => BucketOf(PipelineNodes.Source);

    /// <summary>S3|2 FORMAT A: every digit as a PNG beside its label.</summary>
    public DataBucket FormatA => BucketOf(PipelineNodes.FormatA);

    /// <summary>S3|4 Serialized Model.</summary>
    public DataBucket Model => BucketOf(PipelineNodes.Model);

    /// <summary>S3|3 Model Performance Report.</summary>
    public DataBucket Report => BucketOf(PipelineNodes.Report);

    /// <summary>EMR's cluster and step logs.</summary>
    public DataBucket Logs => BucketOf(PipelineNodes.Logs);

    /// <summary>The job package and its bootstrap script.</summary>
    public DataBucket Artifacts => BucketOf(PipelineNodes.JobArtifacts);

    /// <summary>The account deployed to: the <c>accountId</c> setting, or the deploying credentials' at plan time.</summary>
    public DeployAccount Account { get; }

    /// <summary>The stack's own KMS key (<c>kmsKey: create</c>, the default); null when the key is given (<c>kmsKeyArn</c>) or there is none (<c>kmsKey: none</c>).</summary>
    public PipelineKey? Key { get; }

    /// <summary>The network the cluster runs in.</summary>
    public Network Network { get; }

    /// <summary>The data loader run during apply; null when turned off.</summary>
    public DataLoaderHook? Loader { get; }

    /// <summary>The uploaded job; null when no package is configured.</summary>
    public JobArtifact? Job { get; }

    /// <summary>The EMR cluster.</summary>
    public EmrCluster Cluster { get; }

    /// <summary>The run's notifications: the rule, the encrypted topic and the optional email subscription.</summary>
    public RunNotifications Notifications { get; }

    /// <summary>The run's CloudWatch dashboard.</summary>
    public RunDashboard Dashboard { get; }

    /// <summary>The notebooks' EMR Studio; null unless the setting notebooks is <c>studio</c>.</summary>
    public NotebookStudio? Studio { get; }

    /// <summary>Where the Studio's workspaces keep their notebooks in S3|3, beside the reports.</summary>
    public const string NotebookPrefix = "notebooks/";

    /// <summary>The bucket of <paramref name="node"/>.</summary>
    /// <exception cref="ArgumentException">The node is no bucket of this stack.</exception>
    public DataBucket BucketOf(PipelineNode node) =>
        Buckets.FirstOrDefault(b => b.PipelineNode == node) ?? throw new ArgumentException($"{node.Title} is no bucket of this stack", nameof(node));

    /// <summary>Logical ids from the construct path alone (<c>s3_1_source_bucket</c>): readable, and stable as long as the path is.</summary>
    protected override string AllocateLogicalId(object tfElement)
    {
        var node = tfElement is Node n ? n : ((Construct)tfElement).Node;
        return LogicalIds.Of(node.Scopes.SkipWhile(s => s != this).Skip(1).Select(s => s.Node.Id));
    }

    /// <summary>
    /// The job's steps, generated by the job's own step definitions over this stack's buckets. The run id names the
    /// package, so each new build of the job writes its model and report under a new run. The stack takes them as
    /// they are: one description of the steps for the stack, the job and the review.
    /// </summary>
    private IReadOnlyList<JobStep> JobSteps(PipelineConfig config, JobArtifact job)
    {
        var locations = new StepLocations(DataBuckets.ToDictionary(b => b.PipelineNode, b => b.DataUri));
        // A valid configuration has a sizing (its core instance type is in the catalogue, and the steps fit it).
        return PipelineSteps.For(
            locations,
            config.SparkSizing!,
            RunIdOf(job),
            config.ClusterLifecycle == ClusterLifecycle.Persistent ? ClusterEnd.IdleTimeout : ClusterEnd.AfterSteps);
    }

    // The package names the run, so each new build of the job writes its model and report under a new run.
    private static string RunIdOf(JobArtifact job) => $"job-{job.PackageSha256[..12]}";

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

        // Each data bucket's name, then where the pipeline keeps its objects there, under the node's output name.
        foreach (var bucket in DataBuckets)
        {
            var node = bucket.PipelineNode;
            var uri = node.UriOutput ?? throw new InvalidOperationException($"{node.Title} declares no UriOutput");
            Output(LogicalIds.PrefixOf(node.ConstructId) + "bucket", bucket.BucketName, $"{node.Title} bucket");
            Output(uri.Name, bucket.DataUri, uri.Description);
        }

        Output("emr_log_uri", Logs.DataUri, "EMR cluster and step logs");
        Output(PipelineNodes.ClusterIdOutput, Cluster.ClusterId, "EMR cluster id");
        Output("emr_primary_public_dns", Cluster.PrimaryPublicDns, "Public DNS name of the EMR primary node");
        Output("vpc_id", Network.Vpc.Id, "VPC the cluster runs in");
        Output("notifications_topic_arn", Notifications.TopicArn, "SNS topic of the run's notifications (subscribe to it)");
        Output(PipelineNodes.DashboardUrlOutput, Dashboard.Url, "CloudWatch dashboard of the cluster's health");
        if (Studio is not null)
            Output("emr_studio_url", Studio.Url, "EMR Studio of the notebooks (sign in with IAM)");
    }
}
