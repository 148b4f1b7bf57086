using System.Diagnostics;
using System.Text.Json;
using MnistEmr.Bench;

namespace MnistEmr.Job.Tests.Bench;

/// <summary>
/// The s3rver every test and the bench start (<see cref="LocalS3rver"/>) answers a PUT only once the body is in its
/// file. s3rver's own filesystem store is played directly by node on a slow disk (a body's file opened late), with and
/// without the launcher's patch: the first test shows the race the patch exists for, the second that it closes it.
/// </summary>
[TestFixture]
public class LocalS3rverTests
{
    private const int BodyBytes = 1024;

    // Opens each body's file (an object's, an upload part's) 200 ms late, as a busy disk may, then puts an object and a
    // part of 1 KB through s3rver's FilesystemStore and prints how much of each was in its file when the store said it
    // was done. The .md5 and metadata files beside them are written at full speed.
    private const string SlowDiskPlay = """
        'use strict';
        const fs = require('fs');
        const path = require('path');
        const { Readable } = require('stream');
        const [storeModule, folder, bytes] = process.argv.slice(2);
        const isBody = file => /_S3rver_object$|_S3rver_uploads[\\/].+[\\/]\d+$/.test(String(file));
        const open = fs.open;
        fs.open = (file, ...rest) => (isBody(file) ? setTimeout(() => open(file, ...rest), 200) : open(file, ...rest));
        const FilesystemStore = require(storeModule);
        const sizeOf = file => (fs.existsSync(file) ? fs.statSync(file).size : 0);
        (async () => {
          const store = new FilesystemStore(folder);
          const body = () => Readable.from([Buffer.alloc(Number(bytes), 7)]);
          await store.putObject({ bucket: 'b', key: 'k', content: body(), metadata: {} });
          const object = sizeOf(store.getResourcePath('b', 'k', 'object'));
          await store.putPart('b', 'upload', 1, body());
          const part = sizeOf(path.join(store.getResourcePath('b', undefined, 'uploads'), 'upload', '1'));
          console.log(JSON.stringify({ object, part }));
        })();
        """;

    [Test]
    public async Task S3rverAsPublished_SlowDisk_AnswersPutBeforeTheBodyIsWritten()
    {
        var written = await PlayAsync(withPatch: false);

        // If this fails after an s3rver upgrade, s3rver now waits for its writes and the launcher's patch can go.
        Assert.That(written.Object, Is.LessThan(BodyBytes), "s3rver 3.7.1 resolves putObject before its file stream has written");
        Assert.That(written.Part, Is.LessThan(BodyBytes), "and putPart likewise");
    }

    [Test]
    public async Task LaunchedS3rver_SlowDisk_AnswersPutOnlyOnceTheBodyIsWritten()
    {
        var written = await PlayAsync(withPatch: true);

        Assert.That(written.Object, Is.EqualTo(BodyBytes));
        Assert.That(written.Part, Is.EqualTo(BodyBytes));
    }

    private static async Task<(long Object, long Part)> PlayAsync(bool withPatch)
    {
        var (node, package) = RepositoryFiles.NodeAndS3rver();
        using var folder = new TempFolder();
        var store = Path.Combine(package, "lib", "stores", "filesystem.js");
        var play = folder.Sub("play.cjs");
        File.WriteAllText(play, SlowDiskPlay);
        var start = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (withPatch)
        {
            var patch = folder.Sub("durable-writes.cjs");
            File.WriteAllText(patch, LocalS3rver.DurableWritesScript(store));
            start.ArgumentList.Add("--require");
            start.ArgumentList.Add(patch);
        }

        foreach (var argument in new[] { play, store, folder.Sub("store"), $"{BodyBytes}" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.EqualTo(0), await error);
        using var sizes = JsonDocument.Parse(await output);
        return (sizes.RootElement.GetProperty("object").GetInt64(), sizes.RootElement.GetProperty("part").GetInt64());
    }
}
