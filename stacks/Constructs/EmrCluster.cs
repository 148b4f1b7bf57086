using HashiCorp.Cdktf.Providers.Aws.EmrCluster;
using ClusterResource = HashiCorp.Cdktf.Providers.Aws.EmrCluster.EmrCluster;

namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// The EMR cluster with Spark that runs the pipeline's job: logs in S3, ended by EMR when idle,
/// in the public subnet once its route to the internet exists.
/// </summary>
public sealed class EmrCluster : Construct
{
    /// <summary>Creates the cluster.</summary>
    public EmrCluster(Construct scope, string id, EmrClusterProps props) : base(scope, id)
    {
        Resource = new ClusterResource(this, "cluster", new EmrClusterConfig
        {
            Name = props.Name,
            ReleaseLabel = props.ReleaseLabel,
            Applications = ["Spark", .. props.ExtraApplications],
            ConfigurationsJson = YarnConfiguration,
            ServiceRole = props.Roles.ServiceRole.Arn,
            SecurityConfiguration = props.SecurityConfiguration.Name,
            LogUri = props.LogUri,
            Ec2Attributes = new EmrClusterEc2Attributes
            {
                SubnetId = props.Network.Subnet.Id,
                InstanceProfile = props.Roles.InstanceProfile.Arn,
                EmrManagedMasterSecurityGroup = props.SecurityGroups.Primary.Id,
                EmrManagedSlaveSecurityGroup = props.SecurityGroups.Core.Id,
            },
            MasterInstanceGroup = new EmrClusterMasterInstanceGroup { InstanceType = props.PrimaryInstanceType, InstanceCount = 1 },
            CoreInstanceGroup = new EmrClusterCoreInstanceGroup
            {
                InstanceType = props.CoreInstanceType,
                InstanceCount = props.CoreInstanceCount,
                // A bid price is what makes an instance group spot.
                BidPrice = props.CoreMarket == CapacityMarket.Spot
                    ? props.CoreSpotMaxPrice!.Value.ToString(CultureInfo.InvariantCulture)
                    : null,
            },
            AutoTerminationPolicy = new EmrClusterAutoTerminationPolicy { IdleTimeout = props.IdleTimeout.TotalSeconds },
            // Transient: the cluster ends after its last step, and a failed step ends it (each step's
            // TERMINATE_CLUSTER: PipelineSteps.For with ClusterEnd.AfterSteps). Persistent: it waits for new steps
            // until the idle timeout ends it.
            KeepJobFlowAliveWhenNoSteps = props.Lifecycle == ClusterLifecycle.Persistent,
            TerminationProtection = false,
            UnhealthyNodeReplacement = true,
            BootstrapAction = props.BootstrapActions.Select(a => new EmrClusterBootstrapAction
            {
                Name = a.Name,
                Path = a.ScriptUri,
                Args = a.Arguments.ToArray(),
            }).ToArray(),
            Step = props.Steps.Select(ToStep).ToArray(),
            // EMR refuses to start in a subnet with no route out ("No route to any external sources detected"),
            // and the steps read what the data loader wrote.
            DependsOn = [.. props.Network.ReadyForEmr, .. props.WaitFor],
            Tags = new Dictionary<string, string> { [EmrManagedPolicyTag.Key] = EmrManagedPolicyTag.Value },
        });
    }

    /// <summary>The cluster resource.</summary>
    public ClusterResource Resource { get; }

    /// <summary>The cluster's id (j-…).</summary>
    public string ClusterId => Resource.Id;

    /// <summary>The primary node's public DNS name.</summary>
    public string PrimaryPublicDns => Resource.MasterPublicDns;

    /// <summary>
    /// Cluster-wide settings: only YARN's. Spark's are set by each step explicitly (the steps carry their executor
    /// sizes), so nothing here can disagree with them.
    /// YARN's virtual-memory check is off: .NET reserves far more address space than it uses (the GC's reservation
    /// by default is hundreds of GiB with regions), and a check on virtual size would kill containers whose job
    /// processes use little memory; the physical-memory check, which the steps are sized against, stays on.
    /// Properties of the <c>yarn-site</c> classification (EMR Release Guide, "Configure applications").
    /// </summary>
    public const string YarnConfiguration =
        """[{"Classification":"yarn-site","Properties":{"yarn.nodemanager.vmem-check-enabled":"false"}}]""";

    // Terraform treats steps as a list of attributes: every field must be present, even when empty. The step is
    // the job's own description (MnistEmr.Contract.JobStep), with its EMR spelling of the failure action.
    private static EmrClusterStep ToStep(JobStep step) => new()
    {
        Name = step.Name,
        ActionOnFailure = step.ActionOnFailure,
        HadoopJarStep = new[]
        {
            new EmrClusterStepHadoopJarStep
            {
                Jar = JobStep.Jar,
                Args = step.Args.ToArray(),
                MainClass = "",
                Properties = new Dictionary<string, string>(),
            },
        },
    };
}
