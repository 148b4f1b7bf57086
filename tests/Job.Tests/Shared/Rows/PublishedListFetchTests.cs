namespace MnistEmr.Job.Tests.Shared.Rows;

/// <summary>
/// The reading stages of every step through the real published binary: <c>rows list</c> lists a tree itself (what
/// Spark's listing would drop or fail on included), <c>rows fetch</c> reads the objects, and a stage that fails early
/// still reads its whole input, so Spark reports the job's reason rather than a broken pipe.
/// </summary>
[TestFixture]
[Category("Published")]
public class PublishedListFetchTests : PublishedFixture
{
    [Test]
    public async Task ListThenFetch_Tree_NamesGroupedHiddenSkippedEmptyObjectsKept()
    {
        var root = Temp.Sub("tree");
        var files = new Dictionary<string, byte[]>
        {
            ["a/x.png"] = [1, 2, 3],
            ["a/x.txt"] = "7\n"u8.ToArray(),
            ["a/x"] = "stray"u8.ToArray(),
            ["b/lone.txt"] = "4\n"u8.ToArray(),
            ["c/empty.png"] = [],
            ["c/empty.txt"] = "1\n"u8.ToArray(),
            ["d/_hidden/y.png"] = [9],
            ["d/.dot.png"] = [9],
        };
        foreach (var (key, content) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, key))!);
            await File.WriteAllBytesAsync(Path.Combine(root, key), content);
        }

        var listed = await PublishedJob.RunAsync(["rows", RowProtocol.List, "--input", root], "0\n");

        Assert.That(listed.ExitCode, Is.EqualTo(0), listed.ToString());
        var names = listed.Rows.Select(r => (Path: Text(r[0]), Png: Text(r[1]), Label: Text(r[2]))).ToList();
        Assert.That(names.Select(n => (n.Path![(root.Length + 1)..], n.Png, n.Label)), Is.EqualTo(new[]
        {
            ("a/x", "a/x.png", "a/x.txt"),
            ("a/x", (string?)null, (string?)null),
            ("b/lone", null, "b/lone.txt"),
            ("c/empty", "c/empty.png", "c/empty.txt"),
        }), "a pair, the stray of the same stem on its own, an orphan, the empty .png listed; hidden names skipped");

        var fetched = await PublishedJob.RunAsync(
            ["rows", RowProtocol.Fetch, "--input", root, "--batch", "3"], string.Concat(listed.Rows.Select(r => string.Join('\t', r) + "\n")));

        Assert.That(fetched.ExitCode, Is.EqualTo(0), fetched.ToString());
        Assert.That(fetched.Rows.Select(r => r[0]), Is.EqualTo(listed.Rows.Select(r => r[0])), "the path passed on, in input order, across batches");
        Assert.That(fetched.Rows.Select(r => (Bytes(r[1]), Bytes(r[2]))), Is.EqualTo(new[]
        {
            (files["a/x.png"], files["a/x.txt"]),
            ((byte[]?)null, (byte[]?)null),
            (null, files["b/lone.txt"]),
            ([], files["c/empty.txt"]),
        }));
        Assert.That(fetched.Rows[3][1], Is.Empty, "an empty object is an empty field, not NULL");
    }

    [Test]
    public async Task List_Files_EachFileAlone_NonInputsWithNothingToFetch()
    {
        var root = Temp.Sub("inbox");
        foreach (var key in new[] { "a.png", "b/c.png", "b/c.txt", "UPPER.PNG", "_under.png", "empty.png" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, key))!);
            await File.WriteAllBytesAsync(Path.Combine(root, key), key == "empty.png" ? [] : [1]);
        }

        var listed = await PublishedJob.RunAsync(["rows", RowProtocol.List, "--input", root, RowProtocol.FilesOption, "true"], "0\n");

        Assert.That(listed.ExitCode, Is.EqualTo(0), listed.ToString());
        // A file that is no scoring input is still a name, so that the score tasks list it as skipped; it has no key, so nothing fetches it.
        Assert.That(listed.Rows.Select(r => (Text(r[0])![(root.Length + 1)..], Text(r[1]), Text(r[2]))), Is.EqualTo(new[]
        {
            ("UPPER.PNG", (string?)null, (string?)null), ("_under.png", null, null), ("a.png", "a.png", null), ("b/c.png", "b/c.png", null),
            ("b/c.txt", null, null), ("empty.png", "empty.png", null),
        }));
    }

    [Test]
    public async Task List_EmptyFolder_NoRowAndSuccess()
    {
        var root = Temp.Sub("nothing");
        Directory.CreateDirectory(root);

        var listed = await PublishedJob.RunAsync(["rows", RowProtocol.List, "--input", root], "0\n");

        Assert.That(listed.ExitCode, Is.EqualTo(0), listed.ToString());
        Assert.That(listed.Rows, Is.Empty);
    }

    [Test]
    public async Task Stage_FailsOnItsFirstRow_ReadsAllItsInputThenExitsWithItsReason()
    {
        // Far more than a pipe holds (64 KiB on Linux): a stage that stopped reading would leave the writer blocked,
        // then broken (RunAsync writes all of stdin, as Spark's writer thread does, and would throw "Broken pipe").
        var row = SparkSimulator.Row(SparkSimulator.Base64(Encoding.UTF8.GetBytes("file:/elsewhere/test/a")), SparkSimulator.Base64(new byte[600]), SparkSimulator.Base64("1\n"u8.ToArray()));
        var input = string.Concat(Enumerable.Repeat(row + "\n", 20_000));

        var run = await PublishedJob.RunAsync(
            ["rows", RowProtocol.Predict, "--format-a", Temp.Sub("fa"), "--models", Temp.Sub("no-models"), "--run-id", "r1", "--batch", "10"], input);

        Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
        Assert.That(run.Error, Does.Contain("error: 'file:/elsewhere/test/a' is not under the FORMAT A root"),
            "the job's one-line reason, which Spark shows with the exit status once its writer thread finished without a broken pipe");
    }

    private static string? Text(string field) => field == "\\N" ? null : Encoding.UTF8.GetString(Convert.FromBase64String(field));

    private static byte[]? Bytes(string field) => field == "\\N" ? null : Convert.FromBase64String(field);
}
