namespace MnistEmr.Job.Tests.Shared.Rows;

[TestFixture]
public class HiveTextRowsTests
{
    [Test]
    public void Parse_NullMarkerAndEmptyField_AreNullAndEmpty()
    {
        Assert.That(HiveTextRows.Parse("a\t\\N\t\tz"), Is.EqualTo(new string?[] { "a", null, "", "z" }));
    }

    [Test]
    public void Format_NullAndControlCharacters_OneLineWithEscapes()
    {
        var line = HiveTextRows.Format(["k", null, "tab\there", "line\nbreak\r", "back\\slash", "\\N"]);

        Assert.That(line, Is.EqualTo("k\t\\N\ttab\\there\tline\\nbreak\\r\tback\\\\slash\t\\\\N"));
        Assert.That(line, Does.Not.Contain("\n"));
        var fields = HiveTextRows.Parse(line);
        Assert.That(fields.Select(f => f is null ? null : HiveTextRows.Unescape(f)),
            Is.EqualTo(new string?[] { "k", null, "tab\there", "line\nbreak\r", "back\\slash", "\\N" }));
    }

    [Test]
    public void Number_Double_RoundTripsInvariant()
    {
        Assert.That(HiveTextRows.Number(0.1 + 0.2), Is.EqualTo("0.30000000000000004"));
        Assert.That(HiveTextRows.Double(HiveTextRows.Number(Math.PI), "x", 1), Is.EqualTo(Math.PI));
    }

    [Test]
    public void Double_JavaScientificNotation_Parses()
    {
        // Spark's LazySimpleSerDe writes a DOUBLE with Java's Double.toString, e.g. 1.0E-4.
        Assert.That(HiveTextRows.Double("1.0E-4", "loss", 1), Is.EqualTo(1e-4));
        Assert.That(HiveTextRows.Double("NaN", "loss", 1), Is.NaN);
    }

    [Test]
    public void Base64_NotBase64_IsIntegrityFailureNamingRowAndColumn()
    {
        var ex = Assert.Throws<ToolException>(() => HiveTextRows.Base64("not base64!", "png", 7));
        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.IntegrityFailure));
        Assert.That(ex.Message, Does.Contain("row 7").And.Contain("png"));
    }

    [TestCase("s3://bkt/p/train/x/y", "s3://bkt/p/", "train/x/y")]
    [TestCase("s3a://bkt/p/train/x/y", "s3://bkt/p", "train/x/y")]
    [TestCase("s3://bkt/train/y", "s3://bkt/", "train/y")]
    [TestCase("file:/tmp/fa/test/q", "/tmp/fa", "test/q")]
    [TestCase("file:///tmp/fa/test/q", "/tmp/fa/", "test/q")]
    public void RelativeKey_SparkPath_IsKeyUnderRoot(string path, string root, string key)
    {
        Assert.That(SparkPaths.RelativeKey(StoreLocation.Parse(root, "--format-a"), path), Is.EqualTo(key));
    }

    [Test]
    public void RelativeKey_PathElsewhere_IsIntegrityFailure()
    {
        var ex = Assert.Throws<ToolException>(() => SparkPaths.RelativeKey(StoreLocation.Parse("s3://bkt/p/", "--format-a"), "s3://bkt/other/train/x"));
        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCode.IntegrityFailure));
    }
}
