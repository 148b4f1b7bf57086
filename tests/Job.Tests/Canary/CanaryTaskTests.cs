using System.Net;
using Amazon.S3;

namespace MnistEmr.Job.Tests.Canary;

/// <summary>The canary's checks over in-memory stores, and its verdict: what passes, what fails, what is missing.</summary>
[TestFixture]
public class CanaryTaskTests
{
    [Test]
    public async Task ReadOnlySource_WriteDenied_Passes()
    {
        var checks = await RunAsync(new RefusingStore(new AmazonS3Exception("Access Denied") { StatusCode = HttpStatusCode.Forbidden, ErrorCode = "AccessDenied" }));

        var check = checks.Single(c => c.Probe == CanaryCheck.ReadOnlySource);
        Assert.That(check.Passed, Is.True, check.Detail);
        Assert.That(check.Detail, Does.Contain("was denied"));
    }

    [Test]
    public async Task ReadOnlySource_WriteAccepted_FailsAndLeavesNothingBehind()
    {
        var source = new MemoryObjectStore(k => $"s3://source/{k}");

        var checks = await RunAsync(source);

        var check = checks.Single(c => c.Probe == CanaryCheck.ReadOnlySource);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Detail, Does.Contain("could write s3://source/_canary/r1/task-3.probe"));
        Assert.That(source.Count, Is.Zero, "the probe is deleted again");
    }

    [Test]
    public async Task ReadOnlySource_OtherFailure_FailsNamingIt()
    {
        var checks = await RunAsync(new RefusingStore(new AmazonS3Exception("Slow Down") { StatusCode = HttpStatusCode.ServiceUnavailable, ErrorCode = "SlowDown" }));

        var check = checks.Single(c => c.Probe == CanaryCheck.ReadOnlySource);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Detail, Does.Contain("not as denied"));
    }

    [Test]
    public void Verdict_EveryCheckPresentAndPassed_CountsThem()
    {
        var checks = CanaryVerdict.PerTask.Select(p => new CanaryCheck(0, p, true, "ok"))
            .Concat(CanaryVerdict.Once.Select(p => new CanaryCheck(0, p, true, "ok")))
            .ToList();

        Assert.That(CanaryVerdict.Judge(checks), Is.EqualTo(checks.Count));
    }

    [Test]
    public void Verdict_AFailedAndAMissingCheck_NamesBoth()
    {
        // Two tasks: task 0 complete, task 1 without its LightGBM result and with a failed write.
        var checks = CanaryVerdict.PerTask.Select(p => new CanaryCheck(0, p, true, "ok"))
            .Concat(CanaryVerdict.Once.Select(p => new CanaryCheck(0, p, true, "ok")))
            .Concat(CanaryVerdict.PerTask.Where(p => p != CanaryCheck.LightGbm).Select(p => new CanaryCheck(1, p, p != CanaryCheck.Write(PipelineNodes.Model), p == CanaryCheck.Write(PipelineNodes.Model) ? "denied" : "ok")))
            .ToList();

        var error = Assert.Throws<ToolException>(() => CanaryVerdict.Judge(checks));

        Assert.That(error!.ExitCode, Is.EqualTo(ExitCode.IntegrityFailure));
        Assert.That(error.Message, Does.StartWith($"canary: 2 of {checks.Count + 1} checks failed: "));
        Assert.That(error.Message, Does.Contain("write S3|4 (task 1): denied").And.Contain("lightgbm (task 1): no result"));
    }

    [Test]
    public void Verdict_TwoCoreNodesPlanned_SlotsOnOneHost_FailsNamingTheHostThatReported()
    {
        // Four slots, all on one node: every check passed, but the other core node ran none.
        var checks = Enumerable.Range(0, 4)
            .SelectMany(task => CanaryVerdict.PerTask.Select(p => new CanaryCheck(task, p, true, "ok", "ip-10-0-0-11")))
            .Concat(CanaryVerdict.Once.Select(p => new CanaryCheck(0, p, true, "ok", "ip-10-0-0-11")))
            .ToList();

        var error = Assert.Throws<ToolException>(() => CanaryVerdict.Judge(checks, coreNodes: 2));

        Assert.That(error!.Message, Does.Contain("core nodes: the slots' checks ran on 1 host (ip-10-0-0-11) of the 2 core nodes planned"));
        Assert.That(CanaryVerdict.Judge(checks, coreNodes: 1), Is.EqualTo(checks.Count), "one node planned, one reported");
        var spread = checks.Select(c => c.Task % 2 == 1 ? c with { Host = "ip-10-0-0-12" } : c).ToList();
        Assert.That(CanaryVerdict.Judge(spread, coreNodes: 2), Is.EqualTo(checks.Count), "both nodes reported");
    }

    [Test]
    public async Task Task_EveryCheckRow_NamesTheHostThatRanIt()
    {
        var checks = await RunAsync(new MemoryObjectStore(k => $"s3://source/{k}"));

        Assert.That(checks.Select(c => c.Host), Is.All.EqualTo(Environment.MachineName).And.All.Not.Empty);
    }

    private static Task<IReadOnlyList<CanaryCheck>> RunAsync(IObjectStore source)
    {
        MemoryObjectStore Store(string name) => new(k => $"s3://{name}/{k}");
        return new CanaryTask(source, Store("format-a"), Store("models"), Store("reports"), SilentToolLog.Instance, sourceMustBeReadOnly: true)
            .RunAsync(3, "r1", CancellationToken.None);
    }

    // A store whose writes fail as the S3 store reports them: a ToolException around the SDK's exception.
    private sealed class RefusingStore(AmazonS3Exception refusal) : IObjectStore
    {
        public int MaxConcurrency => 1;

        public string UriFor(string key) => $"s3://source/{key}";

        public async IAsyncEnumerable<string> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }

        public Task EnsureReachableAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task EnsureWritableAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken) => Task.FromResult<StoredObject?>(null);

        public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult<byte[]?>(null);

        public Task PutVerifiedAsync(string key, Stream content, string sha256, string? source, IProgress<long>? progress, CancellationToken cancellationToken) =>
            throw ToolException.Remote($"S3 put {UriFor(key)} failed: {refusal.ErrorCode}", refusal);

        public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
            throw ToolException.Remote($"S3 put {UriFor(key)} failed: {refusal.ErrorCode}", refusal);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
