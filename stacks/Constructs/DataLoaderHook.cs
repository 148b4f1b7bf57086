using MnistEmr.Common.SourceData;

namespace MnistEmr.Stacks.Constructs;

/// <summary>
/// Runs the data loader on the deploying machine during <c>apply</c>, filling S3|1. It runs again only when the
/// dataset definition or the target changes; a loader failure fails the apply with the loader's message.
/// </summary>
public sealed class DataLoaderHook : Construct
{
    /// <summary>Creates the hook.</summary>
    public DataLoaderHook(Construct scope, string id, DataLoaderHookProps props) : base(scope, id)
    {
        var definition = props.Repository.Resolve(props.DatasetDefinition);
        DatasetUri = props.Target.DataUri;
        Command = $"dotnet run --project {props.LoaderProject} -c Release -- --target {DatasetUri} --dataset {props.DatasetDefinition}";

        Resource = new DataResource(this, "run", new DataConfig
        {
            TriggersReplace = new Dictionary<string, object>
            {
                ["dataset_definition_sha256"] = FileDigest.Sha256(definition, "the data loader's dataset definition"),
                ["target"] = DatasetUri,
            },
            Provisioners = new object[]
            {
                new LocalExecProvisioner
                {
                    Type = "local-exec",
                    Command = Command,
                    WorkingDir = props.Repository.RootFromStack,
                    Environment = new Dictionary<string, string>
                    {
                        ["AWS_REGION"] = props.Region,
                        ["DOTNET_NOLOGO"] = "1",
                        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                    },
                },
            },
        });
    }

    /// <summary>The <c>terraform_data</c> resource that carries the provisioner.</summary>
    public DataResource Resource { get; }

    /// <summary>Where the dataset lands: <c>s3://&lt;S3|1&gt;/mnist/</c>, the target's <see cref="DataBucket.DataUri"/>.</summary>
    public string DatasetUri { get; }

    /// <summary>The command Terraform runs, from the repository root.</summary>
    public string Command { get; }
}
