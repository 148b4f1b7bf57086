namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// The published EMR job and the script that installs it, uploaded to S3 under keys that carry their content
/// hashes: a new build is a new object, and the cluster's bootstrap action (which names the hash) follows it.
/// </summary>
public sealed class JobArtifact : Construct
{
    /// <summary>Uploads the package and the bootstrap script.</summary>
    public JobArtifact(Construct scope, string id, JobArtifactProps props) : base(scope, id)
    {
        var package = props.Repository.Resolve(props.PackagePath);
        var script = props.Repository.Resolve(props.BootstrapScriptPath);
        PackageSha256 = FileDigest.Sha256(package, "jobArtifactPath (the published EMR job)");
        var scriptSha256 = FileDigest.Sha256(script, "the EMR bootstrap script");

        var packageKey = $"job/mnist-emr-job-{PackageSha256[..16]}.tar.gz";
        var scriptKey = $"bootstrap/install-job-{scriptSha256[..16]}.sh";
        Package = Upload("package", props, package, packageKey, PackageSha256);
        BootstrapScript = Upload("bootstrap-script", props, script, scriptKey, scriptSha256);

        BootstrapAction = new EmrBootstrapAction("install-mnist-emr-job", props.Bucket.Uri(scriptKey), [props.Bucket.Uri(packageKey), PackageSha256]);
    }

    /// <summary>The uploaded job package.</summary>
    public S3Object Package { get; }

    /// <summary>The uploaded bootstrap script.</summary>
    public S3Object BootstrapScript { get; }

    /// <summary>SHA-256 of the job package, which the bootstrap script verifies on each node.</summary>
    public string PackageSha256 { get; }

    /// <summary>
    /// The uploads the cluster needs at start: its bootstrap action names their S3 URIs as text, which gives
    /// Terraform no reference to wait on.
    /// </summary>
    public IReadOnlyList<ITerraformDependable> Uploads => [Package, BootstrapScript];

    /// <summary>The bootstrap action that installs this package.</summary>
    public EmrBootstrapAction BootstrapAction { get; }

    private S3Object Upload(string id, JobArtifactProps props, string file, string key, string sha256) =>
        new(this, id, new S3ObjectConfig
        {
            Bucket = props.Bucket.BucketName,
            Key = key,
            Source = props.Repository.FromStack(file),
            SourceHash = sha256,
            // S3 checks the upload against this checksum, so a corrupted transfer is refused.
            ChecksumAlgorithm = "SHA256",
        });
}
