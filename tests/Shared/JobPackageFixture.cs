using System.Formats.Tar;
using System.IO.Compression;

namespace MnistEmr.Tests.Shared;

/// <summary>
/// A small real .tar.gz standing in for the published EMR job, written once per test run into its folder
/// (<see cref="TestRunFolder"/>): the same path each time, so configurations naming it are equal and can share a
/// synthesis.
/// </summary>
public static class JobPackageFixture
{
    private static readonly Lazy<string> Package = new(() =>
    {
        var path = TestRunFolder.Sub("job-package.tar.gz");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip);
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "mnist-emr-job")
        {
            DataStream = new MemoryStream("#!/bin/sh\necho mnist-emr-job\n"u8.ToArray()),
        });
        return path;
    });

    /// <summary>The package's path.</summary>
    public static string Path => Package.Value;
}
