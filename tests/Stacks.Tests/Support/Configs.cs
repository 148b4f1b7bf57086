namespace MnistEmr.Stacks.Tests.Support;

/// <summary>Configurations the tests synthesize, each once per test run.</summary>
public static class Configs
{
    /// <summary>Every setting at its default.</summary>
    public static PipelineConfig Default { get; } = new();

    /// <summary>A KMS key the tests pretend exists.</summary>
    public const string KmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /// <summary>The account the full stack names, the KMS key's.</summary>
    public const string AccountId = "123456789012";

    /// <summary>The default configuration with a given KMS key (<c>kmsKeyArn</c>).</summary>
    public static PipelineConfig GivenKey { get; } = new() { KmsKeyArn = KmsKeyArn };

    /// <summary>Every optional feature on: the account, the stack's own KMS key, spot core nodes, SSH from one network, a job package, a training sweep, a fresh explode, force_destroy.</summary>
    public static PipelineConfig Full(string jobPackage) => new()
    {
        Region = "eu-west-1",
        AccountId = AccountId,
        NamePrefix = "team-mnist",
        AvailabilityZone = "eu-west-1b",
        CoreMarket = CapacityMarket.Spot,
        CoreSpotMaxPrice = 0.25m,
        CoreInstanceCount = 3,
        IdleTimeoutMinutes = 30,
        AllowedIngressCidr = "203.0.113.0/24",
        KmsKey = KmsKeySource.Create,
        ForceDestroy = true,
        JobArtifactPath = jobPackage,
        ExplodeShards = 32,
        ReExplode = true,
        EvaluatePartitions = 24,
        TrainingSweep = 4,
        CoreInstanceType = "r5.xlarge",
        NotifyEmail = NotifyEmail,
    };

    /// <summary>The address the full stack subscribes to the run's notifications.</summary>
    public const string NotifyEmail = "ops@example.com";

    /// <summary>The default configuration with a persistent cluster: what notebooks need, without them.</summary>
    public static PipelineConfig Persistent { get; } = new() { ClusterLifecycle = ClusterLifecycle.Persistent };

    /// <summary>A persistent cluster with the notebooks' EMR Studio.</summary>
    public static PipelineConfig Studio { get; } = Persistent with { Notebooks = Notebooks.Studio };

    /// <summary>The default configuration with an email subscribed to the notifications.</summary>
    public static PipelineConfig WithEmail { get; } = new() { NotifyEmail = NotifyEmail };

    private static readonly Lazy<SynthesizedStack> PersistentStack = new(() => SynthesizedStack.Of(Persistent));

    /// <summary>The persistent stack, synthesized once.</summary>
    public static SynthesizedStack PersistentSynth => PersistentStack.Value;

    private static readonly Lazy<SynthesizedStack> StudioStack = new(() => SynthesizedStack.Of(Studio));

    /// <summary>The stack with notebooks, synthesized once.</summary>
    public static SynthesizedStack StudioSynth => StudioStack.Value;

    private static readonly Lazy<SynthesizedStack> WithEmailStack = new(() => SynthesizedStack.Of(WithEmail));

    /// <summary>The default stack with an email subscription, synthesized once.</summary>
    public static SynthesizedStack WithEmailSynth => WithEmailStack.Value;

    private static readonly Lazy<SynthesizedStack> DefaultStack = new(() => SynthesizedStack.Of(Default));

    /// <summary>The default stack, synthesized once.</summary>
    public static SynthesizedStack DefaultSynth => DefaultStack.Value;

    /// <summary>The key turned off: SSE-S3 and no local-disk encryption (<c>kmsKey: none</c>, no <c>kmsKeyArn</c>).</summary>
    public static PipelineConfig Keyless { get; } = new() { KmsKey = KmsKeySource.None };

    private static readonly Lazy<SynthesizedStack> KeylessStack = new(() => SynthesizedStack.Of(Keyless));

    /// <summary>The stack without a key, synthesized once.</summary>
    public static SynthesizedStack KeylessSynth => KeylessStack.Value;

    /// <summary>How a stack without the accountId setting names its account (DeployAccount's local).</summary>
    public const string ResolvedAccount = "${local.account_resolved}";

    private static readonly Lazy<SynthesizedStack> GivenKeyStack = new(() => SynthesizedStack.Of(GivenKey));

    /// <summary>The stack with a given KMS key, synthesized once.</summary>
    public static SynthesizedStack GivenKeySynth => GivenKeyStack.Value;

    /// <summary>How the full stack refers to the ARN of the key it creates.</summary>
    public const string CreatedKeyArn = "${aws_kms_key.kms_key.arn}";

    private static readonly Lazy<(SynthesizedStack Stack, string Package)> FullStack = new(() =>
    {
        var package = JobPackageFixture.Path;
        return (SynthesizedStack.Of(Full(package)), package);
    });

    /// <summary>The full stack, synthesized once.</summary>
    public static SynthesizedStack FullSynth => FullStack.Value.Stack;

    /// <summary>The job package the full stack uploads.</summary>
    public static string FullJobPackage => FullStack.Value.Package;
}
