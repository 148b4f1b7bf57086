using static MnistEmr.Contract.Steps.StepSql;

namespace MnistEmr.Contract.Steps;

/// <summary>Explode: S3|1's IDX files to S3|2's FORMAT A trees, one task per shard.</summary>
internal static class ExplodeStep
{
    /// <summary>The explode step as the stack submits it and the job runs it: its name, what it reads and writes, its executors, retries and SQL.</summary>
    public static readonly StepDefinition Definition = new()
    {
        Name = "mnist-explode", Reads = [PipelineNodes.Source], Writes = [PipelineNodes.FormatA], Sql = Sql,
    };

    /// <summary>Where the explode step writes its per-shard result rows (JSON lines): the run's explode manifest.</summary>
    public static string ResultsUri(StepLocations locations, string runId) => $"{locations.FormatAUri}_runs/{runId}/explode/";

    private static string Sql(StepInput input)
    {
        var (l, sizing, runId) = (input.Locations, input.Sizing, input.RunId);
        var shards = Number(sizing.ExplodeShards);
        var command = RowCommand(
            RowProtocol.Explode,
            (RowProtocol.SourceOption, l.SourceUri),
            (RowProtocol.FormatAOption, l.FormatAUri),
            (RowProtocol.ShardsOption, shards)) + (sizing.ReExplode ? " " + SparkSizing.ReExplodeOption : string.Empty);
        return Statements(
            $"""
            INSERT OVERWRITE DIRECTORY '{ResultsUri(l, runId)}' USING json
            {Transform(RowProtocol.ExplodeInput, command, RowProtocol.ExplodeOutput)}
            FROM (SELECT CAST(id AS INT) AS shard FROM range(0, {shards}, 1, {shards})) AS shards
            """);
    }
}
