namespace MnistEmr.Job.Tests.Support;

/// <summary>
/// What a played run of the generated steps needs: s3rver as S3 with the sample's four IDX files in S3|1, the four
/// node locations in its bucket, the steps for a sizing, and a <see cref="SparkSimulator"/> of them whose processes
/// reach s3rver. Disposing it stops the server.
/// </summary>
public sealed class SimulatedCluster : IDisposable
{
    private SimulatedCluster(S3rverProcess server, ObjectStoreFactory stores, SparkSizing sizing, string runId)
    {
        Server = server;
        Stores = stores;
        Sizing = sizing;
        Bucket = $"s3://{S3rverProcess.Bucket}";
        Locations = FourLocations.Of($"{Bucket}/source/", $"{Bucket}/format-a/", $"{Bucket}/models/", $"{Bucket}/reports/");
        Steps = PipelineSteps.For(Locations, sizing, runId);
        Spark = new SparkSimulator(
            Steps,
            ["--endpoint", server.Endpoint.ToString()],
            new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "S3RVER", ["AWS_SECRET_ACCESS_KEY"] = "S3RVER" });
    }

    public S3rverProcess Server { get; }

    public ObjectStoreFactory Stores { get; }

    public SparkSizing Sizing { get; }

    /// <summary><c>s3://</c> and the server's bucket.</summary>
    public string Bucket { get; }

    public StepLocations Locations { get; }

    public IReadOnlyList<JobStep> Steps { get; }

    public SparkSimulator Spark { get; }

    public IObjectStore Source => Open(Locations.SourceUri);

    public IObjectStore FormatA => Open(Locations.FormatAUri);

    public IObjectStore Models => Open(Locations.ModelUri);

    public IObjectStore Reports => Open(Locations.ReportUri);

    /// <summary>Starts s3rver, puts the sample's IDX files into S3|1 and generates the steps of <paramref name="sizing"/> for <paramref name="runId"/>.</summary>
    public static async Task<SimulatedCluster> StartAsync(SparkSizing sizing, string runId)
    {
        _ = PublishedJob.Folder;
        var server = S3rverProcess.Start();
        var cluster = new SimulatedCluster(server, new ObjectStoreFactory(S3rverSettings.For(server)), sizing, runId);
        foreach (var file in RealSample.Files.Files)
        {
            await cluster.Source.PutAsync(file.Name, file.Content, CancellationToken.None);
        }

        return cluster;
    }

    public void Dispose()
    {
        Stores.Dispose();
        Server.Dispose();
    }

    private IObjectStore Open(string uri) => Stores.Open(StoreLocation.Parse(uri, "--location"));
}
