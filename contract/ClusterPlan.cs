namespace MnistEmr.Contract;

/// <summary>
/// The executors of every step, derived from the core instance type, so that each YARN container fits its node by
/// construction rather than by EMR's per-type defaults (which Spark refuses at submission when memory + overhead
/// exceeds <c>yarn.scheduler.maximum-allocation-mb</c>: YARN <c>Client.verifyClusterResources</c>, Spark 3.5).
/// </summary>
/// <param name="Workers">The explode, evaluate, report and canary steps: several short job processes per executor.</param>
/// <param name="Trainer">The train step: one executor running the one training process.</param>
/// <param name="Slots">Tasks the cluster runs at once in a worker step: the canary's task count.</param>
public sealed record ClusterPlan(ExecutorShape Workers, ExecutorShape Trainer, int Slots)
{
    /// <summary>
    /// LightGBM threads of each sweep candidate: the node's vCPUs shared by as many candidates as may land on one node
    /// (YARN places the executors, so every candidate is given the share of the fullest node). 0 without a sweep.
    /// </summary>
    public int SweepThreads { get; init; }

    /// <summary>
    /// LightGBM threads of the train step's one training task (no sweep): every vCPU of its node. The step's fetch
    /// tasks have finished before it starts (the training rows cross a shuffle), and no other step runs beside it, so
    /// the node is its own; the trainer is told this count rather than reading it from the machine.
    /// </summary>
    public int TrainThreads { get; init; }

    /// <summary>Core nodes of the cluster: the canary's verdict fails unless its checks ran on this many hosts.</summary>
    public int CoreNodes { get; init; }

    /// <summary>Tasks per worker executor.</summary>
    public const int WorkerCores = 2;

    /// <summary>
    /// Heap of every executor JVM. It only pipes rows between Spark and the job processes and, in the train step,
    /// shuffle-reads the training rows (about 0.5 KB each, streamed), so 1 GiB is ample.
    /// </summary>
    public const int ExecutorHeapMib = 1024;

    /// <summary>
    /// Budget of one worker task's job processes, before <see cref="Spread"/> adds to it. Measured peak resident sets
    /// (linux-x64, /usr/bin/time): explode of one shard of 60,000 digits 125 MiB, explode of a whole split 147 MiB,
    /// predict of 2,000 digits with the model 105 MiB; the budget leaves three times that. A reading task runs two at
    /// once (fetch piped into predict or score), well within it.
    /// </summary>
    public const int WorkerProcessMib = 512;

    /// <summary><c>spark.yarn.am.memory</c>: the application master of a client-mode <c>spark-sql</c> (it only asks YARN for executors).</summary>
    public const int ApplicationMasterMib = 512;

    /// <summary>The application master's container: its memory plus Spark's minimum overhead; it runs on one core node.</summary>
    public const int ApplicationMasterContainerMib = ApplicationMasterMib + ExecutorShape.JvmOffHeapMib;

    /// <summary><c>spark.driver.memory</c> of <c>spark-sql</c> on the primary node: it lists the FORMAT A tree (about 120,000 file statuses).</summary>
    public const int DriverMib = 2048;

    /// <summary>
    /// The train process's budget for <paramref name="digits"/> training digits, rounded up to 256 MiB:
    /// 1.5 × (256 MiB + 12 KiB × digits). Measured peak resident sets of <c>mnist-emr-job train</c> (linux-x64):
    /// 346 MiB for 8,000 digits and 947 MiB for 60,000, a line of 253 MiB plus 11.8 KiB a digit (the PNG, 1,176
    /// float features, LightGBM's binned copy); the factor 1.5 covers what a single measurement cannot.
    /// </summary>
    public static int TrainProcessMib(int digits)
    {
        var estimate = 1.5 * (256 + (12.0 * Math.Max(digits, 0) / 1024));
        return (int)Math.Ceiling(estimate / 256) * 256;
    }

    /// <summary>Sizes every step for <paramref name="sizing"/>.</summary>
    /// <exception cref="SizingException">A step's container cannot fit the core instance type.</exception>
    public static ClusterPlan For(SparkSizing sizing)
    {
        ArgumentNullException.ThrowIfNull(sizing);
        if (sizing.CoreInstanceCount < 1)
        {
            throw new ArgumentException($"CoreInstanceCount must be at least 1, not {sizing.CoreInstanceCount}", nameof(sizing));
        }

        var node = sizing.CoreInstance;
        var worker = Spread(node, new ExecutorShape(WorkerCores, ExecutorHeapMib, WorkerProcessMib, 1));
        var workers = Executors(node, sizing.CoreInstanceCount, worker);
        if (workers < 1)
        {
            throw new SizingException(
                $"{node.Name} gives YARN {node.YarnMemoryMib} MiB per node, too little for one worker executor of "
                + $"{worker.ContainerMib} MiB beside Spark's application master ({ApplicationMasterContainerMib} MiB)");
        }

        // The trainer's single task needs one executor; the others it may hold read the FORMAT A files in parallel
        // before the shuffle into that task, then idle until dynamic allocation releases them.
        var trainer = Spread(node, new ExecutorShape(1, ExecutorHeapMib, TrainProcessMib(sizing.TrainDigits), 1));
        // The application master may share the trainer's node (always, with one core node), so leave it room.
        var room = node.YarnMemoryMib - ApplicationMasterContainerMib;
        if (trainer.ContainerMib > room)
        {
            var larger = InstanceCatalogue.Known
                .Where(t => t.YarnMemoryMib - ApplicationMasterContainerMib >= trainer.ContainerMib)
                .MinBy(t => t.YarnMemoryMib);
            throw new SizingException(
                $"the train step needs a YARN container of {trainer.ContainerMib} MiB for {sizing.TrainDigits:N0} training digits "
                + $"({trainer.HeapMib} MiB heap + {trainer.JobProcessMib} MiB job process + {ExecutorShape.JvmOffHeapMib} MiB JVM off-heap), "
                + $"but {node.Name} allows {room} MiB beside Spark's application master ({node.YarnMemoryMib} MiB per node); "
                + (larger is null ? "no supported instance type is large enough" : $"choose a core instance type with more memory, such as {larger.Name}"));
        }

        var trainers = Executors(node, sizing.CoreInstanceCount, trainer);
        var sweep = sizing.SweepCandidates;
        if (sweep > trainers)
        {
            throw new SizingException(
                $"a sweep of {sweep} trains its {sweep} configurations at once, each in its own train executor of {trainer.ContainerMib} MiB, "
                + $"and {sizing.CoreInstanceCount} {node.Name} core node{(sizing.CoreInstanceCount == 1 ? "" : "s")} hold {trainers} such executors "
                + $"beside Spark's application master: sweep at most {trainers} configurations, or add core nodes");
        }

        return new ClusterPlan(worker with { MaxExecutors = workers }, trainer with { MaxExecutors = trainers }, workers * WorkerCores)
        {
            SweepThreads = sweep == 0 ? 0 : Math.Max(1, node.VCpus / Math.Min(sweep, PerNode(node, trainer))),
            TrainThreads = node.VCpus,
            CoreNodes = sizing.CoreInstanceCount,
        };
    }

    /// <summary>
    /// YARN's allocation step assumed when rounding a container up: EMR's <c>yarn.scheduler.minimum-allocation-mb</c>
    /// (32 on the catalogue's types, Release Guide "Task configuration"). A larger step only makes a container larger,
    /// which keeps <see cref="Spread"/>'s bound (no more than planned on a node); the canary proves the rest.
    /// </summary>
    public const int YarnAllocationStepMib = 32;

    /// <summary>
    /// <paramref name="shape"/> grown, when needed, so that a node holds no more of its containers than the plan runs
    /// there. YARN places containers by memory alone (the Capacity Scheduler's default
    /// <c>yarn.scheduler.capacity.resource-calculator</c>, DefaultResourceCalculator, "only uses Memory": Hadoop
    /// CapacityScheduler.html), so small worker containers would all fit one 4-vCPU node (5 of 2,432 MiB in 12,288)
    /// and its job processes would share 4 vCPUs while the other node idles. A container larger than a node's memory
    /// divided by one more than the planned count cannot be packed; the memory added goes to the job processes.
    /// </summary>
    public static ExecutorShape Spread(InstanceType node, ExecutorShape shape)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(shape);
        var planned = PerNode(node, shape);
        var least = RoundUp((node.YarnMemoryMib / (planned + 1)) + 1);
        if (shape.ContainerMib >= least)
        {
            return shape;
        }

        var perProcess = (least - shape.ContainerMib + shape.Cores - 1) / shape.Cores;
        return shape with { JobProcessMib = shape.JobProcessMib + perProcess };
    }

    /// <summary>
    /// The most containers of <paramref name="shape"/> YARN's memory-only placement can put on one node of
    /// <paramref name="node"/>: what a node really runs, whatever the plan intends.
    /// </summary>
    public static int MostPerNode(InstanceType node, ExecutorShape shape) => node.YarnMemoryMib / RoundUp(shape.ContainerMib);

    private static int RoundUp(int mib) => (mib + YarnAllocationStepMib - 1) / YarnAllocationStepMib * YarnAllocationStepMib;

    // Executors of this shape the cluster holds at once: one task per vCPU unless memory allows fewer, and the node
    // holding the application master may fit one less.
    private static int Executors(InstanceType node, int nodes, ExecutorShape shape)
    {
        var perNode = PerNode(node, shape);
        var besideMaster = Math.Min(perNode, (node.YarnMemoryMib - ApplicationMasterContainerMib) / shape.ContainerMib);
        return ((nodes - 1) * perNode) + besideMaster;
    }

    private static int PerNode(InstanceType node, ExecutorShape shape) =>
        Math.Min(Math.Max(1, node.VCpus / shape.Cores), node.YarnMemoryMib / shape.ContainerMib);
}

/// <summary>A step's executors cannot fit the cluster's nodes; the message says which and what would fit.</summary>
public sealed class SizingException(string message) : Exception(message);
