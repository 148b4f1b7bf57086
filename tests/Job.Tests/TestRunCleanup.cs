namespace MnistEmr.Job.Tests;

/// <summary>Deletes the run's shared temporary folder after the last test.</summary>
[SetUpFixture]
public sealed class TestRunCleanup
{
    [OneTimeTearDown]
    public void DeleteSharedFolder() => TestRunFolder.Delete();
}
