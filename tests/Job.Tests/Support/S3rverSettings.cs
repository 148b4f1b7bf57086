namespace MnistEmr.Job.Tests.Support;

/// <summary>The job's S3 settings for a running s3rver.</summary>
public static class S3rverSettings
{
    public static S3Settings For(S3rverProcess server) => new(server.Endpoint, null, TimeSpan.FromSeconds(10), 0, S3rverProcess.Credentials);
}
