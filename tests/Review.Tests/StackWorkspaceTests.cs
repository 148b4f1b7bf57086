namespace MnistEmr.Review.Tests;

/// <summary>The scratch copy of a stack folder the review runs Terraform in.</summary>
[TestFixture]
public class StackWorkspaceTests
{
    private string _root = "";
    private string _stack = "";

    [SetUp]
    public void CreateStack()
    {
        _root = TestRunFolder.NewFolder("workspace");
        _stack = Path.Combine(_root, "cdktf.out", "stacks", "mnist-pipeline");
        Directory.CreateDirectory(Path.Combine(_stack, ".terraform", "providers"));
        Directory.CreateDirectory(Path.Combine(_stack, "assets"));
        File.WriteAllText(Path.Combine(_stack, "cdk.tf.json"), """{"terraform": {"backend": {"local": {"path": "../../../terraform.mnist-pipeline.tfstate"}}}}""");
        File.WriteAllText(Path.Combine(_stack, "assets", "file.txt"), "asset");
        File.WriteAllText(Path.Combine(_stack, ".terraform", "providers", "big"), "provider");
    }

    [TearDown]
    public void RemoveStack() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Create_StackFolder_CopiesEverythingButItsTerraformFolder()
    {
        using var workspace = StackWorkspace.Create(_stack, Path.Combine(_root, "out", "stack"));

        Assert.That(File.ReadAllText(Path.Combine(workspace.Directory, "assets", "file.txt")), Is.EqualTo("asset"));
        Assert.That(File.Exists(Path.Combine(workspace.Directory, "cdk.tf.json")), Is.True);
        Assert.That(Directory.Exists(Path.Combine(workspace.Directory, ".terraform")), Is.False);
    }

    [Test]
    public void Dispose_AfterInit_RemovesTheCopyButKeepsTerraformsFolder()
    {
        var directory = Path.Combine(_root, "out", "stack");
        using (var workspace = StackWorkspace.Create(_stack, directory))
        {
            Directory.CreateDirectory(Path.Combine(directory, ".terraform"));
            File.WriteAllText(Path.Combine(directory, "zz_review_override.tf.json"), "{}");
        }

        Assert.That(Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName), Is.EquivalentTo(new[] { ".terraform" }));
    }

    [Test]
    public void Create_AfterAnEarlierCopy_LeavesNothingOfItButTerraformsFolder()
    {
        var directory = Path.Combine(_root, "out", "stack");
        Directory.CreateDirectory(Path.Combine(directory, ".terraform"));
        File.WriteAllText(Path.Combine(directory, "zz_review_override.tf.json"), "{}");  // left by a killed review

        using var workspace = StackWorkspace.Create(_stack, directory);

        Assert.That(File.Exists(Path.Combine(directory, "zz_review_override.tf.json")), Is.False);
        Assert.That(Directory.Exists(Path.Combine(directory, ".terraform")), Is.True);
    }

    [Test]
    public void RelocatedBackend_RelativeLocalState_PointsAtTheStacksOwnStateFile()
    {
        using var workspace = StackWorkspace.Create(_stack, Path.Combine(_root, "out", "stack"));

        var path = workspace.RelocatedBackend()!["terraform"]!["backend"]!["local"]!["path"]!.GetValue<string>();

        Assert.That(path, Is.EqualTo(Path.Combine(_root, "terraform.mnist-pipeline.tfstate")));
    }

    [Test]
    public void RelocatedBackend_HclStack_ReadsTheLocalBackendToo()
    {
        File.Delete(Path.Combine(_stack, "cdk.tf.json"));
        File.WriteAllText(Path.Combine(_stack, "cdk.tf"), "terraform {\n  backend \"local\" {\n    path = \"../../../state.tfstate\"\n  }\n}\n");
        using var workspace = StackWorkspace.Create(_stack, Path.Combine(_root, "out", "stack"));

        var path = workspace.RelocatedBackend()!["terraform"]!["backend"]!["local"]!["path"]!.GetValue<string>();

        Assert.That(path, Is.EqualTo(Path.Combine(_root, "state.tfstate")));
    }

    [Test]
    public void RelocatedBackend_S3Backend_IsNull()
    {
        File.WriteAllText(Path.Combine(_stack, "cdk.tf.json"), """{"terraform": {"backend": {"s3": {"bucket": "b", "key": "k"}}}}""");
        using var workspace = StackWorkspace.Create(_stack, Path.Combine(_root, "out", "stack"));

        Assert.That(workspace.RelocatedBackend(), Is.Null);
    }
}
