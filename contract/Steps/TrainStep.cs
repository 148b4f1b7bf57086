using static MnistEmr.Contract.Steps.StepSql;

namespace MnistEmr.Contract.Steps;

/// <summary>Train: S3|2's training tree to S3|4's model and card; with a sweep, every configuration first.</summary>
internal static class TrainStep
{
    /// <summary>The train step as the stack submits it and the job runs it: its name, what it reads and writes, its executors, retries and SQL.</summary>
    public static readonly StepDefinition Definition = new()
    {
        Name = "mnist-train",
        Reads = [PipelineNodes.FormatA],
        Writes = [PipelineNodes.Model],
        Executors = plan => plan.Trainer,
        Retries = StepRetries.None,
        Sql = input => input.Sizing.SweepCandidates > 0 ? SweepSql(input) : TrainSql(input),
    };

    /// <summary>Where the train step writes its result row.</summary>
    public static string ResultsUri(StepLocations locations, string runId) => $"{locations.ModelUri}_runs/{runId}/train/";

    private static string TrainSql(StepInput input)
    {
        var (l, plan, runId) = (input.Locations, input.Plan, input.RunId);
        var command = RowCommand(
            RowProtocol.Train,
            (RowProtocol.FormatAOption, l.FormatAUri),
            (RowProtocol.ModelsOption, l.ModelUri),
            (RowProtocol.RunIdOption, runId),
            (RowProtocol.ThreadsOption, Number(plan.TrainThreads)));
        return Statements(
            Listed("train_keys", l.FormatAUri + NodeKeys.TrainTree),
            $"CREATE TEMPORARY VIEW train_pairs AS {Fetched("train_keys", l.FormatAUri + NodeKeys.TrainTree, ReadTasks(plan.Trainer))}",
            $"""
            INSERT OVERWRITE DIRECTORY '{ResultsUri(l, runId)}' USING json
            {Transform(RowProtocol.PairInput, command, RowProtocol.TrainOutput)}
            {OneTask(RowProtocol.PairInput, "train_pairs", "pairs")}
            """);
    }

    // The sweep: the train pairs into one task that packs them into S3|4 (CACHE TABLE runs it before the next
    // statement); then one task per configuration over range(0, K, 1, K), whose K partitions hold one candidate each
    // (PipelineSteps' remark on range()), all running at once in K single-core train executors (ClusterPlan checks
    // the cluster holds them); then every candidate row and a marker row into one task that keeps the best. A shuffle
    // of the pairs crossed with the configurations would send each task a copy of the rows too, but it places rows by
    // pmod(murmur3(candidate), K) (Spark 3.5 HashPartitioning.partitionIdExpression), which can give two
    // configurations one task and another none; range() cannot.
    private static string SweepSql(StepInput input)
    {
        var (l, sizing, plan, runId) = (input.Locations, input.Sizing, input.Plan, input.RunId);
        var candidates = Number(sizing.SweepCandidates);
        (string, string)[] sweep = [(RowProtocol.SweepOption, candidates), (RowProtocol.SweepSeedOption, Number(sizing.SweepSeed))];
        var data = RowCommand(
            RowProtocol.SweepData,
            [(RowProtocol.FormatAOption, l.FormatAUri), (RowProtocol.ModelsOption, l.ModelUri), (RowProtocol.RunIdOption, runId), .. sweep]);
        var train = RowCommand(
            RowProtocol.SweepCandidate,
            [(RowProtocol.ModelsOption, l.ModelUri), (RowProtocol.RunIdOption, runId), (RowProtocol.ThreadsOption, Number(plan.SweepThreads)), .. sweep]);
        // The pick refits the kept configuration on every digit with the threads train without a sweep is given.
        var pick = RowCommand(
            RowProtocol.SweepPick,
            [(RowProtocol.ModelsOption, l.ModelUri), (RowProtocol.RunIdOption, runId), (RowProtocol.ThreadsOption, Number(plan.TrainThreads)), .. sweep]);
        return Statements(
            Listed("train_keys", l.FormatAUri + NodeKeys.TrainTree),
            $"CREATE TEMPORARY VIEW train_pairs AS {Fetched("train_keys", l.FormatAUri + NodeKeys.TrainTree, ReadTasks(plan.Trainer))}",
            $"""
            CACHE TABLE sweep_data AS
            {Transform(RowProtocol.PairInput, data, RowProtocol.SweepDataOutput)}
            {OneTask(RowProtocol.PairInput, "train_pairs", "pairs")}
            """,
            $"""
            CACHE TABLE sweep_candidates AS
            {Transform(RowProtocol.SweepCandidateInput, train, RowProtocol.SweepCandidateOutput)}
            FROM (SELECT CAST(id AS INT) AS candidate FROM range(0, {candidates}, 1, {candidates})) AS candidates
            """,
            $"""
            INSERT OVERWRITE DIRECTORY '{ResultsUri(l, runId)}' USING json
            {Transform(RowProtocol.SweepCandidateOutput, pick, RowProtocol.TrainOutput)}
            {OneTask(RowProtocol.SweepCandidateOutput, "sweep_candidates", "rows")}
            """);
    }
}
