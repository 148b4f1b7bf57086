using Amazon.Runtime;
using Amazon.S3;
using MnistEmr.Bench;
using MnistEmr.Common.Cli;
using MnistEmr.Common.Storage;

namespace MnistEmr.Tests.Shared;

/// <summary>
/// s3rver (an S3-compatible server from node_modules, started as the bench starts it: <see cref="LocalS3rver"/>) on a
/// free loopback port with a temporary data folder: one server per test assembly, started by the first test that needs
/// it and stopped after the last test (<see cref="TestRunCleanup"/>). Each <see cref="Start"/> hands that server to one
/// test (or fixture) at a time, with <see cref="Bucket"/> emptied as a fresh start would leave it; disposing hands it
/// back. Starting node and s3rver took about a second each time, and about ten fixtures started one. Skips the calling
/// test when node or s3rver is missing, unless MNIST_EMR_REQUIRE_SERVERS=1, which turns the skip into a failure.
/// Compiled into every test project that needs S3.
/// </summary>
public sealed class S3rverProcess : IDisposable
{
    public const string Bucket = "test-bucket";
    public static readonly AWSCredentials Credentials = LocalS3rver.Credentials;

    private static readonly object Gate = new();
    private static readonly SemaphoreSlim InUse = new(1, 1);
    private static LocalS3rver? shared;

    private bool disposed;

    private S3rverProcess(LocalS3rver server) => Endpoint = server.Endpoint;

    public Uri Endpoint { get; }

    /// <summary>
    /// The assembly's server, started on first use, with an empty <see cref="Bucket"/> and no other bucket; waits while
    /// another test holds it. Dispose the result to hand the server back (it keeps running for the next test).
    /// </summary>
    public static S3rverProcess Start()
    {
        if (!InUse.Wait(TimeSpan.FromMinutes(10)))
        {
            throw new TimeoutException("the shared s3rver was not handed back within 10 minutes: a test did not dispose its S3rverProcess");
        }

        try
        {
            LocalS3rver server;
            lock (Gate)
            {
                if (shared is null || shared.HasExited)
                {
                    shared?.Dispose();
                    shared = Launch();
                }

                server = shared;
            }

            server.Reset(Bucket);
            return new S3rverProcess(server);
        }
        catch
        {
            InUse.Release();
            throw;
        }
    }

    public IAmazonS3 CreateClient(AWSCredentials? credentials = null) =>
        S3ClientFactory.Create(Endpoint, null, TimeSpan.FromSeconds(10), 0, credentials ?? Credentials);

    /// <summary>Hands the server back for the next test.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            InUse.Release();
        }
    }

    /// <summary>Stops the assembly's server and deletes its data folder, if a test started it.</summary>
    public static void StopShared()
    {
        lock (Gate)
        {
            shared?.Dispose();
            shared = null;
        }
    }

    /// <summary>A loopback port free at the moment of asking: where nothing listens, for the tests of a closed endpoint.</summary>
    public static int FreePort() => LocalS3rver.FreePort();

    private static LocalS3rver Launch()
    {
        try
        {
            return LocalS3rver.StartAsync(Bucket, [TestContext.CurrentContext.TestDirectory], CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (ToolException missing) when (missing.ExitCode == ExitCode.UsageError)
        {
            // node or node_modules/s3rver is not here: the only case a run may skip, and only when servers are optional.
            if (Environment.GetEnvironmentVariable("MNIST_EMR_REQUIRE_SERVERS") == "1")
            {
                Assert.Fail($"s3rver is required (MNIST_EMR_REQUIRE_SERVERS=1) but {missing.Message}");
            }

            Assert.Ignore($"S3 tests skipped: {missing.Message}");
            throw;
        }
    }
}
