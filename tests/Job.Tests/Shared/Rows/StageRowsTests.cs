namespace MnistEmr.Job.Tests.Shared.Rows;

/// <summary>Rows by column name: the writer orders by the schema and refuses a row that does not fill it; the reader names bad fields.</summary>
[TestFixture]
public sealed class StageRowsTests
{
    [Test]
    public async Task ForEachBatch_SkippedRowsLeftOut_FullBatchesThenTheRest_NeverAnEmptyOne()
    {
        // Seven rows, the 0s skipped: 5 items in batches of 2.
        var reader = new RowReader(new StringReader("1\n0\n2\n3\n0\n4\n5\n"), "test", RowProtocol.CanaryInput);
        var batches = new List<string>();

        await reader.ForEachBatchAsync(
            row => row.Int("task") == 0 ? null : row.Int("task").ToString(System.Globalization.CultureInfo.InvariantCulture),
            2,
            batch =>
            {
                batches.Add(string.Join(",", batch));
                return Task.CompletedTask;
            },
            CancellationToken.None);

        Assert.That(batches, Is.EqualTo(new[] { "1,2", "3,4", "5" }));

        var empty = new List<int>();
        await new RowReader(new StringReader(string.Empty), "test", RowProtocol.CanaryInput)
            .ForEachBatchAsync(row => row.Raw("task"), 2, batch => { empty.Add(batch.Count); return Task.CompletedTask; }, CancellationToken.None);
        Assert.That(empty, Is.Empty, "an empty partition makes no batch");
    }

    [Test]
    public async Task Writer_FieldsInAnyOrder_AreWrittenInTheSchemasOrder()
    {
        var output = new StringWriter();

        await new RowWriter(output, RowProtocol.VerdictOutput).WriteAsync(("failed", "0"), ("checks", "18"));

        Assert.That(output.ToString(), Is.EqualTo("18\t0\n"));
    }

    [TestCase("checks")]
    [TestCase("checks", "failed", "extra")]
    [TestCase("checks", "checks")]
    [TestCase("checks", "failures")]
    public void Writer_RowThatDoesNotFillTheSchemaExactly_IsRefusedAsABug(params string[] columns)
    {
        var writer = new RowWriter(new StringWriter(), RowProtocol.VerdictOutput);

        Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(columns.Select(c => (c, (string?)"1")).ToArray()));
        Assert.That(writer.RowsWritten, Is.Zero);
    }

    [Test]
    public async Task CanaryCheck_WrittenThenRead_IsTheSameCheck()
    {
        var check = new CanaryCheck(3, CanaryCheck.Write(PipelineNodes.Model), false, "denied:\ttab\nand line");
        var output = new StringWriter();

        await StageRows.WriteCheckAsync(new RowWriter(output, RowProtocol.CanaryOutput), check);
        var rows = await ReadAsync(output.ToString(), RowProtocol.CanaryOutput);

        Assert.That(StageRows.ReadCheck(rows.Single()), Is.EqualTo(check));
    }

    [Test]
    public async Task CanaryCheck_MarkerRowOfNulls_IsNoCheck()
    {
        var rows = await ReadAsync("\\N\t\\N\t\\N\t\\N\t\\N\n", RowProtocol.CanaryOutput);

        Assert.That(StageRows.ReadCheck(rows.Single()), Is.Null);
    }

    [Test]
    public async Task Evaluation_CountRow_IsReadByColumnName()
    {
        var rows = await ReadAsync("count\t\\N\t7\t1\t12\t0.5\t0.25\t\\N\t\\N\t\\N\t\\N\n", RowProtocol.EvaluationColumns);

        var row = StageRows.ReadEvaluation(rows.Single());

        Assert.That(row, Is.EqualTo(new EvaluationRow(RowProtocol.KindCount, null, 7, 1, 12, 0.5, 0.25, 0, null, null, null)));
    }

    [Test]
    public async Task Reader_BadInteger_NamesTheRowAndTheColumn()
    {
        var rows = await ReadAsync("1\n2\nthree\n", RowProtocol.ExplodeInput);

        var error = Assert.Throws<ToolException>(() => StageRows.ReadShard(rows[2]));

        Assert.That(error!.ExitCode, Is.EqualTo(ExitCode.IntegrityFailure));
        Assert.That(error.Message, Is.EqualTo("row 3: column shard is not an integer: 'three'"));
    }

    [Test]
    public async Task Reader_ColumnNotInTheSchema_IsABugNotBadInput()
    {
        var rows = await ReadAsync("1\n", RowProtocol.ExplodeInput);

        Assert.Throws<ArgumentException>(() => rows[0].Int("task"));
    }

    [Test]
    public async Task Pair_PathOutsideTheRootOrNullPathWithContent_IsRefused()
    {
        var root = StoreLocation.Parse("s3://bucket-1/format-a", "--format-a");
        var path = Convert.ToBase64String("s3://bucket-1/format-a/train/ab/cd"u8.ToArray());
        var rows = await ReadAsync($"{path}\t\\N\tNw==\n\\N\tAA==\t\\N\n\\N\t\\N\t\\N\n", RowProtocol.PairInput);

        Assert.That(StageRows.ReadPair(rows[0], root), Is.EqualTo(new PairRow("train/ab/cd", null, "7"u8.ToArray())).Using<PairRow>(SamePair));
        Assert.That(Assert.Throws<ToolException>(() => StageRows.ReadPair(rows[1], root))!.Message, Is.EqualTo("row 2: path is NULL but png or label is not"));
        Assert.That(StageRows.ReadPair(rows[2], root), Is.Null, "the marker row");
    }

    private static bool SamePair(PairRow a, PairRow b) =>
        a.Stem == b.Stem && (a.Png ?? []).SequenceEqual(b.Png ?? []) && (a.Label ?? []).SequenceEqual(b.Label ?? []) && (a.Png is null) == (b.Png is null);

    private static async Task<List<InputRow>> ReadAsync(string text, IReadOnlyList<RowColumn> schema)
    {
        var rows = new List<InputRow>();
        await foreach (var row in new RowReader(new StringReader(text), "test", schema).ReadAllAsync(CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }
}
