using System.Globalization;

namespace MnistEmr.Contract;

/// <summary>
/// One step's executors: how many tasks each runs at once, the JVM heap, and the job processes beside it. Spark's
/// script transformation starts one job process per running task inside the executor's YARN container, so the
/// container's memory overhead holds <see cref="Cores"/> job processes plus the JVM's own off-heap memory.
/// </summary>
/// <param name="Cores"><c>spark.executor.cores</c>: tasks, and so job processes, running at once per executor.</param>
/// <param name="HeapMib"><c>spark.executor.memory</c> in MiB.</param>
/// <param name="JobProcessMib">The memory budget of one job process (resident set), in MiB.</param>
/// <param name="MaxExecutors"><c>spark.dynamicAllocation.maxExecutors</c>: executors the cluster holds at once for this step.</param>
public sealed record ExecutorShape(int Cores, int HeapMib, int JobProcessMib, int MaxExecutors)
{
    /// <summary>
    /// The JVM's own off-heap share of the overhead: Spark's minimum overhead, <c>ResourceProfile.MEMORY_OVERHEAD_MIN_MIB</c>
    /// = 384 (Spark 3.5, core/src/main/scala/org/apache/spark/resource/ResourceProfile.scala).
    /// </summary>
    public const int JvmOffHeapMib = 384;

    /// <summary><c>spark.executor.memoryOverhead</c> in MiB: every concurrent job process plus the JVM's off-heap memory.</summary>
    public int OverheadMib => (Cores * JobProcessMib) + JvmOffHeapMib;

    /// <summary>
    /// The YARN container Spark asks for: heap + overhead (Spark 3.5 <c>ResourceProfile.getResourcesForClusterManager</c>;
    /// off-heap storage and PySpark memory are zero here). YARN's physical-memory check counts the whole process
    /// tree of the container, job processes included.
    /// </summary>
    public int ContainerMib => HeapMib + OverheadMib;

    /// <summary>
    /// The job process's managed-heap limit (<c>DOTNET_GCHeapHardLimit</c>), three quarters of its budget: the rest is
    /// for native memory (LightGBM's dataset, the runtime). Without it .NET sizes its heap from the whole machine's
    /// memory, not from the container's share, and YARN would kill the container for the child's growth.
    /// </summary>
    public int JobHeapLimitMib => JobProcessMib * 3 / 4;

    /// <summary>
    /// <see cref="JobHeapLimitMib"/> as <c>DOTNET_GCHeapHardLimit</c> wants it: bytes in hexadecimal
    /// (https://learn.microsoft.com/dotnet/core/runtime-config/garbage-collector, "Heap hard limit": environment values are hex).
    /// </summary>
    public string JobHeapLimitHex => "0x" + ((long)JobHeapLimitMib * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
}
