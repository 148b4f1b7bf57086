namespace MnistEmr.Review.Tests;

/// <summary>Deletes the run's folder (<see cref="TestRunFolder"/>) after the last test.</summary>
[SetUpFixture]
public sealed class TestRunCleanup
{
    /// <summary>Runs once, after every test of the assembly's namespace.</summary>
    [OneTimeTearDown]
    public void DeleteRunFolder() => TestRunFolder.Delete();
}
