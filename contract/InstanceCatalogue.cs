namespace MnistEmr.Contract;

/// <summary>An EC2 instance type as EMR gives it to YARN.</summary>
/// <param name="Name">The EC2 name, e.g. <c>m5.xlarge</c>.</param>
/// <param name="VCpus">vCPUs of the instance (EC2's specification).</param>
/// <param name="MemoryGiB">Memory of the instance in GiB (EC2's specification).</param>
/// <param name="YarnMemoryMib">
/// What EMR configures as both <c>yarn.nodemanager.resource.memory-mb</c> (all containers of the node together) and
/// <c>yarn.scheduler.maximum-allocation-mb</c> (the largest single container) for this type.
/// </param>
public sealed record InstanceType(string Name, int VCpus, int MemoryGiB, int YarnMemoryMib);

/// <summary>
/// The x86-64 instance types this pipeline sizes its Spark steps for (the job binary is linux-x64 only, so no
/// Graviton types). Anything else is refused at synthesis, naming these.
/// </summary>
/// <remarks>
/// YARN memory: Amazon EMR Release Guide, "Task configuration"
/// (https://docs.aws.amazon.com/emr/latest/ReleaseGuide/emr-hadoop-task-config.html), column "Default value" (no
/// HBase), read for EMR 7.12; the m5, r5 and c5 rows are unchanged since EMR 6. The page notes earlier releases may
/// differ, which is why every step sets its executor size explicitly and the canary step runs first.
/// vCPUs and memory: the EC2 instance type specifications (xlarge 4 vCPUs; m 4 GiB, r 8 GiB, c 2 GiB per vCPU).
/// </remarks>
public static class InstanceCatalogue
{
    /// <summary>Every supported type, ordered by family then size.</summary>
    public static readonly IReadOnlyList<InstanceType> Known =
    [
        new("m5.xlarge", 4, 16, 12288),
        new("m5.2xlarge", 8, 32, 24576),
        new("m5.4xlarge", 16, 64, 57344),
        new("m5.8xlarge", 32, 128, 122880),
        new("m5.12xlarge", 48, 192, 188416),
        new("m5.16xlarge", 64, 256, 253952),
        new("m5.24xlarge", 96, 384, 385024),
        new("m6i.xlarge", 4, 16, 11712),
        new("m6i.2xlarge", 8, 32, 23424),
        new("m6i.4xlarge", 16, 64, 54272),
        new("m7i.xlarge", 4, 16, 11712),
        new("m7i.2xlarge", 8, 32, 23424),
        new("m7i.4xlarge", 16, 64, 54272),
        new("r5.xlarge", 4, 32, 24576),
        new("r5.2xlarge", 8, 64, 57344),
        new("r5.4xlarge", 16, 128, 122880),
        new("r6i.xlarge", 4, 32, 23424),
        new("r6i.2xlarge", 8, 64, 54272),
        new("r6i.4xlarge", 16, 128, 116736),
        new("r7i.xlarge", 4, 32, 23424),
        new("r7i.2xlarge", 8, 64, 54272),
        new("r7i.4xlarge", 16, 128, 116736),
        new("c5.xlarge", 4, 8, 6144),
        new("c5.2xlarge", 8, 16, 12288),
        new("c5.4xlarge", 16, 32, 24576),
        new("c6i.xlarge", 4, 8, 5632),
        new("c6i.2xlarge", 8, 16, 11712),
        new("c6i.4xlarge", 16, 32, 23424),
    ];

    /// <summary>The default type of the primary and core nodes.</summary>
    public static InstanceType Default => Find("m5.xlarge")!;

    /// <summary>The names of <see cref="Known"/>, comma-separated, for messages.</summary>
    public static string KnownNames => string.Join(", ", Known.Select(t => t.Name));

    /// <summary>The type named <paramref name="name"/>, or null when it is not supported.</summary>
    public static InstanceType? Find(string name) => Known.FirstOrDefault(t => t.Name == name);
}
