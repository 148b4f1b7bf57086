using System.Xml.Linq;

namespace MnistEmr.Stacks.Tests;

/// <summary>
/// The house rule that the tools share code through libraries: no project but a test project references a project
/// that builds an executable (the job's code is the library emr-job/Job.csproj, its binary emr-job/Host).
/// </summary>
[TestFixture]
public class ProjectReferenceTests
{
    [Test]
    public void ProjectReferences_OutsideTests_NeverNameAnExecutable()
    {
        var projects = Directory.EnumerateFiles(Repository.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !Ignored(Path.GetRelativePath(Repository.Root, p)))
            .ToList();
        Assume.That(projects, Has.Count.GreaterThan(5), "the repository's projects were found");

        var offending = (
            from project in projects
            where !Path.GetRelativePath(Repository.Root, project).StartsWith("tests" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            from reference in References(project)
            where IsExecutable(reference)
            select $"{Path.GetRelativePath(Repository.Root, project)} -> {Path.GetRelativePath(Repository.Root, reference)}").ToList();

        Assert.That(offending, Is.Empty);
        Assert.That(projects.Count(IsExecutable), Is.GreaterThanOrEqualTo(4), "the rule looks at the tools' executables");
    }

    private static bool Ignored(string relative) =>
        relative.Split(Path.DirectorySeparatorChar) is var parts && parts.Any(p => p is "node_modules" or "bin" or "obj" or ".work" or "cdktf.out");

    private static IEnumerable<string> References(string project) =>
        XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, r.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar))));

    private static bool IsExecutable(string project) =>
        XDocument.Load(project).Descendants("OutputType").Any(o => o.Value.Trim().Equals("Exe", StringComparison.OrdinalIgnoreCase));
}
