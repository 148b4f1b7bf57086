using System.Formats.Tar;
using System.IO.Compression;

namespace MnistEmr.Stacks.Tests.Support;

/// <summary>A small real .tar.gz standing in for the published EMR job.</summary>
public static class JobPackageFixture
{
    /// <summary>Writes the package to a temporary file and returns its path.</summary>
    public static string Create()
    {
        var path = Repository.PathOf(".work", "synth", $"job-{Guid.NewGuid():n}.tar.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip);
        var entry = new PaxTarEntry(TarEntryType.RegularFile, "mnist-emr-job")
        {
            DataStream = new MemoryStream("#!/bin/sh\necho mnist-emr-job\n"u8.ToArray()),
        };
        tar.WriteEntry(entry);
        return path;
    }
}
