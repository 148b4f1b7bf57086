using System.Security.Cryptography;
using static MnistEmr.Stacks.Tests.StorageTests;

namespace MnistEmr.Stacks.Tests;

/// <summary>The data loader hook, the job package with its bootstrap action, the step seam, and the outputs.</summary>
[TestFixture]
public class LoaderAndJobTests
{
    private static SynthesizedStack Stack => Configs.DefaultSynth;

    [Test]
    public void LoaderHook_Default_RunsTheLoaderOnS31DuringApply()
    {
        var hook = Stack.Resource("terraform_data", "data_loader_run");
        var exec = hook["provisioner"]![0]!["local-exec"]!;
        var target = $"s3://{SynthesizedStack.Ref("aws_s3_bucket", "s3_1_source_bucket", "bucket")}/mnist/";
        Assert.That((string?)exec["command"], Does.StartWith("dotnet run --project data-loader/DataLoader.csproj "));
        Assert.That((string?)exec["command"], Does.Contain($"--target {target}"));
        Assert.That((string?)exec["command"], Does.Contain("--dataset data-loader/datasets/mnist.json"));
        Assert.That((string?)exec["environment"]!["AWS_REGION"], Is.EqualTo("us-east-1"));
    }

    [Test]
    public void LoaderHook_Default_RunsFromTheRepositoryGivenRelativeToTheStack()
    {
        var exec = Stack.Resource("terraform_data", "data_loader_run")["provisioner"]![0]!["local-exec"]!;
        var workingDir = (string)exec["working_dir"]!;
        Assert.That(Path.IsPathRooted(workingDir), Is.False);
        Assert.That(Path.GetFullPath(workingDir, Stack.Directory), Is.EqualTo(Repository.Root));
    }

    [Test]
    public void LoaderHook_Default_ReRunsOnlyWhenTheDefinitionOrTargetChanges()
    {
        var triggers = Stack.Resource("terraform_data", "data_loader_run")["triggers_replace"]!.AsObject();
        var definition = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Repository.PathOf("data-loader", "datasets", "mnist.json"))));
        Assert.That(triggers.Select(p => p.Key), Is.EquivalentTo(new[] { "dataset_definition_sha256", "target" }));
        Assert.That((string?)triggers["dataset_definition_sha256"], Is.EqualTo(definition));
        Assert.That((string?)triggers["target"], Is.EqualTo($"s3://{SynthesizedStack.Ref("aws_s3_bucket", "s3_1_source_bucket", "bucket")}/mnist/"));
    }

    [Test]
    public void LoaderHook_TurnedOff_IsAbsentAndTheClusterDoesNotWaitForIt()
    {
        var stack = SynthesizedStack.Of(Configs.Default with { RunDataLoader = false });
        Assert.That(stack.Resources("terraform_data"), Is.Empty);
        Assert.That(Strings(stack.Resource("aws_emr_cluster", "emr_cluster")["depends_on"]), Has.None.StartsWith("terraform_data."));
    }

    [Test]
    public void JobPackage_Configured_UploadedUnderItsHashWithAChecksum()
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Configs.FullJobPackage)));
        var package = Configs.FullSynth.Resource("aws_s3_object", "job_artifact_package");
        Assert.That((string?)package["bucket"], Is.EqualTo(SynthesizedStack.Ref("aws_s3_bucket", "job_artifacts_bucket", "bucket")));
        Assert.That((string?)package["key"], Is.EqualTo($"job/mnist-emr-job-{sha[..16]}.tar.gz"));
        Assert.That((string?)package["source_hash"], Is.EqualTo(sha));
        Assert.That((string?)package["checksum_algorithm"], Is.EqualTo("SHA256"));
        Assert.That(Path.GetFullPath((string)package["source"]!, Configs.FullSynth.Directory), Is.EqualTo(Configs.FullJobPackage));
    }

    [Test]
    public void BootstrapAction_JobPackageConfigured_InstallsThatPackageVerifiedByHash()
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Configs.FullJobPackage)));
        var bucket = SynthesizedStack.Ref("aws_s3_bucket", "job_artifacts_bucket", "bucket");
        var action = Configs.FullSynth.Resource("aws_emr_cluster", "emr_cluster")["bootstrap_action"]!.AsArray().Single()!;
        var script = (string)Configs.FullSynth.Resource("aws_s3_object", "job_artifact_bootstrap_script")["key"]!;
        Assert.That((string?)action["path"], Is.EqualTo($"s3://{bucket}/{script}"));
        Assert.That(Strings(action["args"]), Is.EqualTo(new[] { $"s3://{bucket}/job/mnist-emr-job-{sha[..16]}.tar.gz", sha }));
    }

    [Test]
    public void BootstrapScript_Always_VerifiesTheChecksumBeforeInstalling()
    {
        var script = File.ReadAllText(Repository.PathOf("emr-job", "bootstrap", "install-job.sh"));
        Assert.That(script, Does.Contain("set -euo pipefail"));
        Assert.That(script.IndexOf("sha256sum", StringComparison.Ordinal), Is.LessThan(script.IndexOf("tar -xzf", StringComparison.Ordinal)));
    }

    [Test]
    public void JobPackage_Missing_SynthesisNamesTheSetting()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SynthesizedStack.Of(Configs.Default with { JobArtifactPath = "no/such/job.tar.gz" }));
        Assert.That(error!.Message, Does.Contain("jobArtifactPath"));
    }

    [Test]
    public void Steps_JobPackageConfigured_AreTheJobsGeneratedStepsInOrder()
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Configs.FullJobPackage)));
        var expected = MnistEmr.Contract.PipelineSteps.For(
            new MnistEmr.Contract.StepLocations(new Dictionary<MnistEmr.Contract.PipelineNode, string>
            {
                [MnistEmr.Contract.PipelineNodes.Source] = $"s3://{SynthesizedStack.Ref("aws_s3_bucket", "s3_1_source_bucket", "bucket")}/mnist/",
                [MnistEmr.Contract.PipelineNodes.FormatA] = $"s3://{SynthesizedStack.Ref("aws_s3_bucket", "s3_2_format_a_bucket", "bucket")}/format-a/",
                [MnistEmr.Contract.PipelineNodes.Model] = $"s3://{SynthesizedStack.Ref("aws_s3_bucket", "s3_4_model_bucket", "bucket")}/models/",
                [MnistEmr.Contract.PipelineNodes.Report] = $"s3://{SynthesizedStack.Ref("aws_s3_bucket", "s3_3_report_bucket", "bucket")}/reports/",
            }),
            new MnistEmr.Contract.SparkSizing
            {
                ExplodeShards = 32, EvaluatePartitions = 24, CoreInstance = MnistEmr.Contract.InstanceCatalogue.Find("r5.xlarge")!, CoreInstanceCount = 3,
                SweepCandidates = 4, ReExplode = true,
            },
            $"job-{sha[..12]}");

        var steps = Configs.FullSynth.Resource("aws_emr_cluster", "emr_cluster")["step"]!.AsArray();
        Assert.That(steps.Select(s => (string?)s!["name"]), Is.EqualTo(expected.Select(s => s.Name)));
        for (var i = 0; i < expected.Count; i++)
        {
            var jar = steps[i]!["hadoop_jar_step"]![0]!;
            Assert.That((string?)steps[i]!["action_on_failure"], Is.EqualTo(expected[i].ActionOnFailure));
            Assert.That((string?)jar["jar"], Is.EqualTo("command-runner.jar"));
            Assert.That(Strings(jar["args"]), Is.EqualTo(expected[i].Args));
            // Terraform treats steps as attributes: every field present, even empty ones.
            Assert.That((string?)jar["main_class"], Is.EqualTo(""));
            Assert.That(jar["properties"]!.AsObject(), Is.Empty);
        }
    }

    [Test]
    public void Steps_ReExplodeSet_PutTheFlagOnTheExplodeStepsCommandLineOnly()
    {
        var steps = Configs.FullSynth.Resource("aws_emr_cluster", "emr_cluster")["step"]!.AsArray();
        var sql = steps.ToDictionary(s => (string)s!["name"]!, s => Strings(s!["hadoop_jar_step"]![0]!["args"]).Last());

        Assert.That(sql[MnistEmr.Contract.PipelineSteps.Explode.Name], Does.Contain("rows explode --source ").And.Contain(" --shards 32 --re-explode'"));
        Assert.That(sql.Where(s => s.Key != MnistEmr.Contract.PipelineSteps.Explode.Name).Select(s => s.Value), Has.None.Contain("--re-explode"));
    }

    [Test]
    public void Config_ReExplode_IsOffByDefaultAndReachesTheSteps()
    {
        Assert.That(Configs.Default.ReExplode, Is.False);
        Assert.That(Configs.Default.SparkSizing!.ReExplode, Is.False);
        Assert.That((Configs.Default with { ReExplode = true }).SparkSizing!.ReExplode, Is.True);
    }

    [Test]
    public void Cluster_JobPackageConfigured_WaitsForThePackageAndBootstrapScriptUploads()
    {
        var dependsOn = Strings(Configs.FullSynth.Resource("aws_emr_cluster", "emr_cluster")["depends_on"]);
        Assert.That(dependsOn, Is.SupersetOf(new[] { "aws_s3_object.job_artifact_package", "aws_s3_object.job_artifact_bootstrap_script" }));
    }

    [Test]
    public void Cluster_AnyConfiguration_TurnsYarnsVirtualMemoryCheckOffAndLeavesSparkToTheSteps()
    {
        foreach (var stack in new[] { Configs.DefaultSynth, Configs.FullSynth })
        {
            var configurations = System.Text.Json.Nodes.JsonNode.Parse((string)stack.Resource("aws_emr_cluster", "emr_cluster")["configurations_json"]!)!.AsArray();
            var yarn = configurations.Single(c => (string?)c!["Classification"] == "yarn-site")!["Properties"]!;
            Assert.That((string?)yarn["yarn.nodemanager.vmem-check-enabled"], Is.EqualTo("false"));
            Assert.That(yarn.AsObject().Select(p => p.Key), Does.Not.Contain("yarn.nodemanager.pmem-check-enabled"), "the physical check stays on");
            Assert.That(configurations.Select(c => (string?)c!["Classification"]), Does.Not.Contain("spark-defaults"), "each step sets its own");
        }
    }

    [Test]
    public void Steps_EveryCoreInstanceType_ExecutorsFitTheNodesYarnMemory()
    {
        foreach (var type in MnistEmr.Contract.InstanceCatalogue.Known)
        {
            foreach (var count in new[] { 1, 2, 7 })
            {
                var config = Configs.Default with { CoreInstanceType = type.Name, CoreInstanceCount = count };
                Assert.That(config.Validate(), Is.Empty, $"{type.Name} x{count}");
                var plan = MnistEmr.Contract.ClusterPlan.For(config.SparkSizing!);
                foreach (var shape in new[] { plan.Workers, plan.Trainer })
                {
                    // Spark refuses an executor larger than yarn.scheduler.maximum-allocation-mb (Client.verifyClusterResources).
                    Assert.That(shape.ContainerMib, Is.LessThanOrEqualTo(type.YarnMemoryMib - MnistEmr.Contract.ClusterPlan.ApplicationMasterContainerMib), type.Name);
                    // Every executor the step may hold at once fits the nodes, beside the application master.
                    Assert.That((shape.MaxExecutors * shape.ContainerMib) + MnistEmr.Contract.ClusterPlan.ApplicationMasterContainerMib,
                        Is.LessThanOrEqualTo(count * type.YarnMemoryMib), $"{type.Name} x{count}");
                    Assert.That(shape.JobHeapLimitMib, Is.LessThan(shape.JobProcessMib));
                }

                Assert.That(plan.Slots, Is.LessThanOrEqualTo(count * type.VCpus), "no more tasks than vCPUs");
                Assert.That(plan.Trainer.MaxExecutors * plan.Trainer.Cores, Is.LessThanOrEqualTo(count * type.VCpus));
            }
        }
    }

    [Test]
    public void Steps_DefaultCluster_EveryStepSetsExecutorMemoryCoresAndOverheadExplicitly()
    {
        var steps = Configs.FullSynth.Resource("aws_emr_cluster", "emr_cluster")["step"]!.AsArray();
        Assert.That(steps, Has.Count.EqualTo(MnistEmr.Contract.PipelineSteps.All.Count));
        Assert.That(steps, Has.Count.EqualTo(6), "canary, explode, train, evaluate, report, score");
        foreach (var step in steps)
        {
            var args = Strings(step!["hadoop_jar_step"]![0]!["args"]).ToList();
            var confs = args.Where((_, i) => i > 0 && args[i - 1] == "--conf").Select(c => c.Split('=', 2)[0]).ToList();
            Assert.That(confs, Is.SupersetOf(new[]
            {
                "spark.executor.memory", "spark.executor.cores", "spark.executor.memoryOverhead", "spark.executorEnv.DOTNET_GCHeapHardLimit",
                "spark.dynamicAllocation.enabled", "spark.task.maxFailures", "spark.sql.catalogImplementation",
            }), (string?)step["name"]);
        }
    }

    [Test]
    public void Steps_TransientCluster_CanaryRunsFirstAndEveryFailedStepEndsTheCluster()
    {
        var steps = Configs.FullSynth.Resource("aws_emr_cluster", "emr_cluster")["step"]!.AsArray();
        Assert.That((string?)steps[0]!["name"], Is.EqualTo(MnistEmr.Contract.PipelineSteps.Canary.Name));
        Assert.That(steps.Select(s => (string?)s!["action_on_failure"]), Is.All.EqualTo("TERMINATE_CLUSTER"),
            "CANCEL_AND_WAIT would return the cluster to WAITING, to idle until its auto-termination");
    }

    [Test]
    public void Steps_PersistentCluster_CanaryEndsTheCluster_AFailedStepKeepsItForInspection()
    {
        var persistent = SynthesizedStack.Of(Configs.Full(Configs.FullJobPackage) with { ClusterLifecycle = MnistEmr.Stacks.Configuration.ClusterLifecycle.Persistent });

        var steps = persistent.Resource("aws_emr_cluster", "emr_cluster")["step"]!.AsArray();
        Assert.That(steps.Select(s => (string?)s!["action_on_failure"]), Is.EqualTo(new[]
        {
            "TERMINATE_CLUSTER", "CANCEL_AND_WAIT", "CANCEL_AND_WAIT", "CANCEL_AND_WAIT", "CANCEL_AND_WAIT", "CANCEL_AND_WAIT",
        }));
    }

    [Test]
    public void TrainDigits_SizedFor_IsTheDatasetDefinitionsTrainingSplit()
    {
        var definition = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "data-loader/datasets/mnist.json")))!;
        var train = definition["files"]!.AsArray().Single(f => (string?)f!["name"] == "train-images-idx3-ubyte.gz")!;
        Assert.That(Configs.Default.SparkSizing!.TrainDigits, Is.EqualTo((int)train["count"]!));
    }

    [Test]
    public void InstanceProfile_JobPackageConfigured_CoversEveryBucketTheStepsName()
    {
        var policy = Configs.FullSynth.DataSource("aws_iam_policy_document", "emr_roles_bucket_access")["statement"]!.AsArray();
        var granted = policy.SelectMany(s => Strings(s!["resources"])).ToHashSet();
        var named = Configs.FullSynth.Resource("aws_emr_cluster", "emr_cluster")["step"]!.AsArray()
            .SelectMany(s => Strings(s!["hadoop_jar_step"]![0]!["args"]))
            .SelectMany(arg => System.Text.RegularExpressions.Regex.Matches(arg, @"\$\{aws_s3_bucket\.([a-z0-9_]+)\.bucket\}").Select(m => m.Groups[1].Value))
            .Distinct().ToArray();
        Assert.That(named, Is.Not.Empty);
        foreach (var bucket in named)
        {
            Assert.That(granted, Does.Contain($"${{aws_s3_bucket.{bucket}.arn}}"), bucket);
            Assert.That(granted, Does.Contain($"${{aws_s3_bucket.{bucket}.arn}}/*"), bucket);
        }
    }

    [Test]
    public void Outputs_Default_NameEveryNodeInFlowOrderAndTheCluster()
    {
        var outputs = Stack.Document["output"]!.AsObject();
        Assert.That(outputs.Select(o => o.Key), Is.EquivalentTo(new[]
        {
            "s3_1_source_bucket", "s3_1_dataset_uri", "s3_2_format_a_bucket", "s3_2_format_a_uri", "s3_4_model_bucket", "s3_4_model_uri",
            "s3_3_report_bucket", "s3_3_report_uri", "emr_log_uri", "emr_cluster_id", "emr_primary_public_dns", "vpc_id",
            "notifications_topic_arn", "dashboard_url",
        }));
        Assert.That((string?)outputs["emr_cluster_id"]!["value"], Is.EqualTo(SynthesizedStack.Ref("aws_emr_cluster", "emr_cluster", "id")));
        Assert.That((string?)outputs["s3_3_report_uri"]!["value"], Is.EqualTo($"s3://{SynthesizedStack.Ref("aws_s3_bucket", "s3_3_report_bucket", "bucket")}/reports/"));
        Assert.That((string?)outputs["s3_4_model_uri"]!["value"], Is.EqualTo($"s3://{SynthesizedStack.Ref("aws_s3_bucket", "s3_4_model_bucket", "bucket")}/models/"));
    }
}
