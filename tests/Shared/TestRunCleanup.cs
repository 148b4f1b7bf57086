using MnistEmr.Tests.Shared;
using NUnit.Framework;

/// <summary>
/// After the last test of the assembly: stops its shared s3rver (<see cref="S3rverProcess"/>) and deletes its run's
/// folder (<see cref="TestRunFolder"/>). Outside any namespace, so it wraps every test of the assembly; each part is a
/// no-op where no test used it.
/// </summary>
[SetUpFixture]
public sealed class TestRunCleanup
{
    /// <summary>Runs once, after every test of the assembly.</summary>
    [OneTimeTearDown]
    public void CleanUp()
    {
        S3rverProcess.StopShared();
        TestRunFolder.Delete();
    }
}
