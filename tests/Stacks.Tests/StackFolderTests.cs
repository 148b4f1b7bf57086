namespace MnistEmr.Stacks.Tests;

/// <summary>
/// Synthesis owns its stack folder: the other format's file an earlier synthesis left is removed, and a folder holding
/// both is named as such (issue 27: a stale cdk.tf beside cdk.tf.json broke every later Terraform command).
/// </summary>
[TestFixture]
public class StackFolderTests
{
    private string _outdir = "";
    private string _stack = "";

    [SetUp]
    public void CreateOutdir()
    {
        _outdir = TestRunFolder.NewFolder("stack-folder");
        _stack = Path.Combine(_outdir, "stacks", "mnist-pipeline");
        Directory.CreateDirectory(_stack);
    }

    // manifest.json as cdktf writes it: the stack's file under synthesizedStackPath.
    private void Synthesized(string file)
    {
        File.WriteAllText(Path.Combine(_outdir, "manifest.json"),
            """{"version": "0.21.0", "stacks": {"mnist-pipeline": {"name": "mnist-pipeline", "synthesizedStackPath": "stacks/mnist-pipeline/"""
            + file + "\"}}}");
        File.WriteAllText(Path.Combine(_stack, file), "{}");
    }

    [TestCase(StackFolder.JsonFile, StackFolder.HclFile)]
    [TestCase(StackFolder.HclFile, StackFolder.JsonFile)]
    public void Tidy_OtherFormatLeftBehind_RemovesItAndSaysSo(string written, string stale)
    {
        File.WriteAllText(Path.Combine(_stack, stale), "left by an earlier synthesis");
        Synthesized(written);

        var result = StackFolder.Tidy(_outdir, "mnist-pipeline");

        Assert.That(File.Exists(Path.Combine(_stack, stale)), Is.False);
        Assert.That(File.Exists(Path.Combine(_stack, written)), Is.True);
        Assert.That(result.Written, Is.EqualTo(Path.Combine(_stack, written)));
        Assert.That(result.RemovalLine, Is.EqualTo($"removed stale {Path.Combine(_stack, stale)}: an earlier synthesis left it beside {written}, and Terraform would read both"));
    }

    [Test]
    public void Tidy_NothingLeftBehind_RemovesNothing()
    {
        Synthesized(StackFolder.JsonFile);

        var result = StackFolder.Tidy(_outdir, "mnist-pipeline");

        Assert.That(result.RemovedStale, Is.Null);
        Assert.That(result.RemovalLine, Is.Null);
        Assert.That(Directory.GetFiles(_stack).Select(Path.GetFileName), Is.EqualTo(new[] { StackFolder.JsonFile }));
    }

    [Test]
    public void Problem_BothFormats_NamesBothInOneLine()
    {
        File.WriteAllText(Path.Combine(_stack, StackFolder.JsonFile), "{}");
        File.WriteAllText(Path.Combine(_stack, StackFolder.HclFile), "");

        var problem = StackFolder.Problem(_stack);

        Assert.That(problem, Does.StartWith($"{_stack} holds both cdk.tf and cdk.tf.json: ").And.Not.Contain('\n'));
    }

    [TestCase(StackFolder.JsonFile)]
    [TestCase(StackFolder.HclFile)]
    public void Problem_OneFormat_IsNone(string file)
    {
        File.WriteAllText(Path.Combine(_stack, file), "{}");
        Assert.That(StackFolder.Problem(_stack), Is.Null);
    }
    [Test]
    public void WithUnquotedDependsOn_CdktfsQuotedEntries_BecomeReferencesAndNothingElseChanges()
    {
        const string hcl = """
            resource "aws_s3_bucket_policy" "p" {
              policy = "aws_s3_bucket.kept_as_text"
              depends_on = [
                "aws_s3_bucket_public_access_block.s3_1_source_public_access_block",
                "data.aws_iam_policy_document.d",
              ]
            }
            """;
        var fixedHcl = StackFolder.WithUnquotedDependsOn(hcl);
        Assert.That(fixedHcl, Does.Contain("\n    aws_s3_bucket_public_access_block.s3_1_source_public_access_block,\n")
            .And.Contain("\n    data.aws_iam_policy_document.d,\n")
            .And.Contain("policy = \"aws_s3_bucket.kept_as_text\""));
        Assert.That(StackFolder.WithUnquotedDependsOn(fixedHcl), Is.EqualTo(fixedHcl), "a second pass changes nothing");
    }

    [Test]
    public void Tidy_HclWritten_UnquotesItsDependsOn()
    {
        Synthesized(StackFolder.HclFile);
        File.WriteAllText(Path.Combine(_stack, StackFolder.HclFile), "resource \"a\" \"b\" {\n  depends_on = [\n    \"aws_vpc.v\",\n  ]\n}\n");
        StackFolder.Tidy(_outdir, "mnist-pipeline");
        Assert.That(File.ReadAllText(Path.Combine(_stack, StackFolder.HclFile)), Does.Contain("    aws_vpc.v,\n"));
    }
}
