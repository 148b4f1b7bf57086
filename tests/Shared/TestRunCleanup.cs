using MnistEmr.Tests.Shared;
using NUnit.Framework;

/// <summary>
/// Stops the assembly's shared s3rver (<see cref="S3rverProcess"/>) after the last test. Outside any namespace, so it
/// wraps every test of the assembly; a no-op where no test started the server.
/// </summary>
[SetUpFixture]
public sealed class S3rverShutdown
{
    /// <summary>Runs once, after every test of the assembly.</summary>
    [OneTimeTearDown]
    public void StopSharedS3rver() => S3rverProcess.StopShared();
}
