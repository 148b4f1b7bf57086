namespace MnistEmr.Job.Shared.Rows;

/// <summary>
/// What every <c>rows</c> stage has in hand while it runs: its parsed options, the log, the stores its location
/// options name, and the reader and writer of its schemas. Built once by <see cref="RowStage.Create"/>, so a stage's
/// command is its options and its body only.
/// </summary>
/// <param name="Name">The stage's name under <c>rows</c>, as its log lines say it.</param>
/// <param name="Parse">The parsed command line.</param>
/// <param name="Log">The stage's log (stderr, and the container's log file).</param>
/// <param name="Stores">Opens the stores the location options name; disposed after the body.</param>
/// <param name="Reader">The input rows, read against the stage's input schema.</param>
/// <param name="Writer">The output rows, written against the stage's output schema.</param>
/// <param name="Environment">The streams and seams.</param>
/// <param name="CustomEndpoint">Whether --endpoint names an S3-compatible server instead of AWS.</param>
/// <param name="CancellationToken">Cancelled by a signal.</param>
internal sealed record RowStageContext(
    string Name,
    ParseResult Parse,
    IToolLog Log,
    ObjectStoreFactory Stores,
    RowReader Reader,
    RowWriter Writer,
    ToolEnvironment Environment,
    bool CustomEndpoint,
    CancellationToken CancellationToken)
{
    /// <summary>The location an option names.</summary>
    public StoreLocation Location(Option<string> option) => StoreOption.Read(Parse, option);

    /// <summary>The store at the location an option names.</summary>
    public IObjectStore Open(Option<string> option) => Stores.Open(Location(option));

    /// <summary>Logs the rows read and written so far; <paramref name="done"/> after the last.</summary>
    public void LogCounts(bool done) =>
        Log.Info($"rows {Name}: {(done ? "done, " : string.Empty)}{Reader.RowsRead} row(s) in, {Writer.RowsWritten} row(s) out");

    /// <summary>
    /// The body of a stage that classifies: the rows <paramref name="read"/> turns into inputs, classified in batches
    /// of <paramref name="batch"/> with the model <paramref name="load"/> gives at the first batch (an empty
    /// partition costs no download), each result written as <paramref name="write"/> says, in input order; the
    /// counts logged after each batch when <paramref name="logEachBatch"/>, and at the end. Returns the exit code.
    /// </summary>
    public async Task<int> ClassifyInBatchesAsync<TInput, TModel, TResult>(
        Func<InputRow, TInput?> read,
        Option<int> batch,
        Func<Task<TModel>> load,
        Func<TModel, IReadOnlyList<TInput>, Task<IReadOnlyList<TResult>>> classify,
        Func<RowWriter, TResult, Task> write,
        bool logEachBatch = false)
        where TInput : class
        where TModel : class
    {
        TModel? model = null;
        await Reader.ForEachBatchAsync(
            read,
            Parse.GetValue(batch),
            async pending =>
            {
                model ??= await load();
                foreach (var result in await classify(model, pending))
                {
                    await write(Writer, result);
                }

                if (logEachBatch)
                {
                    LogCounts(done: false);
                }
            },
            CancellationToken);
        LogCounts(done: true);
        return 0;
    }
}

/// <summary>Builds a <c>rows</c> stage's command: its options, the common ones, and the host around its body.</summary>
internal static class RowStage
{
    /// <summary>
    /// The command <paramref name="name"/> reading <paramref name="input"/> rows and writing <paramref name="output"/>
    /// rows; <paramref name="body"/> runs with a <see cref="RowStageContext"/> and returns the exit code.
    /// </summary>
    public static Command Create(
        ToolEnvironment environment,
        string name,
        string description,
        IReadOnlyList<RowColumn> input,
        IReadOnlyList<RowColumn> output,
        IEnumerable<Option> options,
        Func<RowStageContext, Task<int>> body)
    {
        var common = new CommonOptions(environment);
        var command = new Command(name, $"Input rows: ({Columns(input)}). {description} Output rows: ({Columns(output)}).");
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        return common.Bind(command, environment, async (parse, log, cancellationToken) =>
        {
            using var stores = new ObjectStoreFactory(common.S3(parse, environment));
            try
            {
                return await body(new RowStageContext(
                    name,
                    parse,
                    log,
                    stores,
                    new RowReader(environment.In, name, input),
                    new RowWriter(environment.Out, output),
                    environment,
                    parse.GetValue(common.Endpoint) is not null,
                    cancellationToken));
            }
            finally
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    await DrainAsync(environment.In);
                }
            }
        });
    }

    /// <summary>
    /// Reads what is left of the input and throws it away, so a stage that fails early still lets Spark write all its
    /// rows. Spark's writer thread would otherwise hit "Broken pipe" on the closed stdin, and Spark reports the writer's
    /// exception before it looks at the exit status (Spark 3.5 BaseScriptTransformationExec.checkFailureAndPropagate:
    /// <c>writerThread.exception</c> first, then "Subprocess exited with status N" with the stderr tail): the user would
    /// see "Broken pipe" instead of the job's one-line reason. After a stage that read its whole input this returns at once.
    /// </summary>
    public static async Task DrainAsync(TextReader input)
    {
        var buffer = new char[64 * 1024];
        while (await input.ReadAsync(buffer) > 0)
        {
        }
    }

    private static string Columns(IEnumerable<RowColumn> columns) => string.Join(", ", columns.Select(c => c.Name));
}
