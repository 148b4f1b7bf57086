namespace MnistEmr.Job.Tests.Support;

/// <summary>
/// Plays Spark for the generated steps: builds each TRANSFORM's input rows as its SQL would (the job's listing and
/// fetch tasks, partitions, GROUP BY counts) and pipes them through the published binary, one process per partition,
/// with the command line taken from the step's USING clause.
/// </summary>
public sealed partial class SparkSimulator(IReadOnlyList<JobStep> steps, IReadOnlyList<string> extraArgs, IReadOnlyDictionary<string, string> environment)
{
    /// <summary>
    /// The command of a step's TRANSFORM with the published binary and the extra arguments (e.g. --endpoint): the
    /// one running <paramref name="stage"/>, or the step's first.
    /// </summary>
    public IReadOnlyList<string> Command(string stepName, string? stage = null)
    {
        var step = steps.Single(s => s.Name == stepName);
        var words = UsingClause().Matches(step.Sql).Select(m => m.Groups[1].Value.Split(' '))
            .First(w => stage is null || w[2] == stage);
        Assert.That(words[0], Is.EqualTo(PipelineSteps.JobBinary));
        return words[1..].Concat(extraArgs).ToList();
    }

    /// <summary>Runs the step's TRANSFORM (of <paramref name="stage"/>) once per partition; fails the test on a non-zero exit.</summary>
    public async Task<IReadOnlyList<string[]>> TransformAsync(string stepName, IEnumerable<IEnumerable<string>> partitions, string? stage = null)
    {
        var rows = new List<string[]>();
        foreach (var partition in partitions)
        {
            var run = await RunAsync(stepName, partition, stage);
            Assert.That(run.ExitCode, Is.EqualTo(0), $"{stepName}: {run}");
            rows.AddRange(run.Rows);
        }

        return rows;
    }

    /// <summary>Runs one partition through the step's TRANSFORM (of <paramref name="stage"/>) and returns the process's run, whatever its exit.</summary>
    public Task<ProcessRun> RunAsync(string stepName, IEnumerable<string> partition, string? stage = null) =>
        PublishedJob.RunAsync(Command(stepName, stage), string.Concat(partition.Select(r => r + "\n")), environment);

    /// <summary>
    /// A step's reading played as its SQL runs it: <c>rows list</c> in one task (the step's <c>Listed</c> view), its
    /// rows spread round-robin over the REPARTITION(n) of the fetch (n read from the step's SQL, or
    /// <paramref name="partitions"/>), each partition through <c>rows fetch</c>. Returns each partition's fetched rows
    /// as Hive text rows, which the next TRANSFORM reads (an empty partition starts no process and gives none).
    /// </summary>
    public async Task<IReadOnlyList<List<string>>> FetchedAsync(string stepName, int? partitions = null)
    {
        var listed = (await TransformAsync(stepName, [["0"]], RowProtocol.List)).Select(r => Row(r)).ToList();
        var step = steps.Single(s => s.Name == stepName);
        var count = partitions ?? int.Parse(FetchRepartition().Match(step.Sql).Groups[1].Value, CultureInfo.InvariantCulture);
        var fetched = new List<List<string>>();
        foreach (var partition in Partitions(listed, count).Select(p => p.ToList()))
        {
            fetched.Add(partition.Count == 0 ? [] : (await TransformAsync(stepName, [partition], RowProtocol.Fetch)).Select(r => Row(r)).ToList());
        }

        return fetched;
    }

    /// <summary>
    /// The rows the fetch tasks hand a stage for <paramref name="split"/> of a FORMAT A tree, made in this process (for
    /// tests that feed one stage directly): the job's grouping by name (<see cref="NameKeys.Group"/>) of the split's
    /// visible keys, with the base64 URI of each name and the base64 contents.
    /// </summary>
    public static async Task<List<string>> PairRowsAsync(IObjectStore formatA, string formatAUri, string split)
    {
        var keys = new List<string>();
        await foreach (var key in formatA.ListAsync(split.EndsWith('/') ? split : split + "/", CancellationToken.None))
        {
            if (!FormatAKeys.IsHidden(key))
            {
                keys.Add(key);
            }
        }

        var rows = new List<string>();
        foreach (var name in NameKeys.Group(keys))
        {
            async Task<string?> Content(string? key) => key is null ? null : Base64(await formatA.GetAsync(key, CancellationToken.None));
            rows.Add(Row(Base64(Encoding.UTF8.GetBytes(formatAUri + name.Stem)), await Content(name.PngKey), await Content(name.TxtKey)));
        }

        return rows;
    }

    /// <summary>A Hive text row as Spark's LazySimpleSerDe writes it.</summary>
    public static string Row(params string?[] fields) => string.Join('\t', fields.Select(f => f ?? "\\N"));

    /// <summary>Base64 as the SQL computes it (no line breaks); null stays null.</summary>
    public static string? Base64(byte[]? bytes) => bytes is null ? null : Convert.ToBase64String(bytes);

    /// <summary>Splits rows into <paramref name="partitions"/> round-robin, as a REPARTITION(n) shuffle spreads them.</summary>
    public static IEnumerable<IEnumerable<string>> Partitions(IReadOnlyList<string> rows, int partitions) =>
        Enumerable.Range(0, partitions).Select(p => rows.Where((_, i) => i % partitions == p));

    /// <summary>
    /// The evaluate step's INSERT: predictions (key, actual, predicted, confidence, loss, seconds, png, reason, detail)
    /// to evaluation rows: GROUP BY actual, predicted with count, sum(loss), sum(seconds); mistakes; rejections.
    /// </summary>
    public static List<string> EvaluationRows(IReadOnlyList<string[]> predictions)
    {
        string? F(string s) => s == "\\N" ? null : s;
        var used = predictions.Where(p => F(p[7]) is null).ToList();
        var rows = used
            .GroupBy(p => (p[1], p[2]))
            .Select(g => Row(
                "count", null, g.Key.Item1, g.Key.Item2, g.Count().ToString(CultureInfo.InvariantCulture),
                Sum(g.Select(p => p[4])), Sum(g.Select(p => p[5])), null, null, null, null))
            .ToList();
        rows.AddRange(used.Where(p => p[1] != p[2]).Select(p => Row("mistake", p[0], p[1], p[2], "1", p[4], p[5], p[3], p[6], null, null)));
        rows.AddRange(predictions.Where(p => F(p[7]) is not null).Select(p => Row("rejection", p[0], F(p[1]), null, "1", null, null, null, null, p[7], p[8])));
        return rows;
    }

    private static string Sum(IEnumerable<string> values) =>
        values.Sum(v => double.Parse(v, CultureInfo.InvariantCulture)).ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex("USING '([^']*)'")]
    private static partial Regex UsingClause();

    [GeneratedRegex(@"REPARTITION\((\d+)\) \*/ path, png_key, label_key")]
    private static partial Regex FetchRepartition();
}
