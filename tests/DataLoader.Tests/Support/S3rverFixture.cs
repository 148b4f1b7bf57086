using Amazon.S3;
using Amazon.S3.Model;

namespace MnistEmr.DataLoader.Tests.Support;

/// <summary>
/// A fixture that holds the assembly's s3rver (<see cref="S3rverProcess"/>) and a client for it from its first test to
/// its last.
/// </summary>
public abstract class S3rverFixture
{
    protected S3rverProcess S3rver { get; private set; } = null!;

    protected IAmazonS3 S3 { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartS3rver()
    {
        S3rver = S3rverProcess.Start();
        S3 = S3rver.CreateClient();
    }

    [OneTimeTearDown]
    public void StopS3rver()
    {
        S3?.Dispose();
        S3rver?.Dispose();
    }

    /// <summary>The bytes of an object in <see cref="S3rverProcess.Bucket"/>, read through <see cref="S3"/>.</summary>
    protected async Task<byte[]> GetAsync(string key)
    {
        using var response = await S3.GetObjectAsync(new GetObjectRequest { BucketName = S3rverProcess.Bucket, Key = key });
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
