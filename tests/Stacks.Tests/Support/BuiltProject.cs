namespace MnistEmr.Stacks.Tests.Support;

/// <summary>
/// <c>dotnet run --no-build</c> of a project the test command has already built (scripts/test.sh builds the whole
/// solution before any test). A plain <c>dotnet run</c> first checks the build, which took about 4 s and 5 CPU-seconds
/// of every run on this machine kind; the tests that run the app as a user does (<c>cdktf synth</c> with the committed
/// cdktf.json, and <see cref="CliSynthTests.CdktfSynthAndDotnetRun_SameSettings_WriteTheSameStackJson"/>) keep it.
/// </summary>
public sealed record BuiltProject(string Project, string Assembly)
{
    /// <summary>The CDK for Terraform app, <c>pipeline.csproj</c>.</summary>
    public static readonly BuiltProject App = new("pipeline.csproj", Path.Combine("bin", "Debug", "net10.0", "mnist-pipeline-infra.dll"));

    /// <summary>The review, <c>review/Review.csproj</c>.</summary>
    public static readonly BuiltProject Review = new(Path.Combine("review", "Review.csproj"), Path.Combine("review", "bin", "Debug", "net10.0", "mnist-pipeline-review.dll"));

    /// <summary>
    /// The arguments of <c>dotnet run --no-build --project</c> this project, then <c>--</c> and <paramref name="arguments"/>;
    /// fails the test, saying what to do, when the project has not been built.
    /// </summary>
    public string[] DotnetRun(params string[] arguments)
    {
        _ = BuiltAssembly();
        return ["run", "--no-build", "--project", Repository.PathOf(Project), .. arguments.Length > 0 ? ["--", .. arguments] : Array.Empty<string>()];
    }

    /// <summary>The built assembly's full path (to run with <c>dotnet</c> itself); fails the test when it is missing.</summary>
    public string BuiltAssembly()
    {
        var built = Repository.PathOf(Assembly);
        Assert.That(File.Exists(built), Is.True, $"{built} is missing: build the solution first (dotnet build mnist-emr-pipeline.sln)");
        return built;
    }

    /// <summary>The same, as one command line (for cdktf.json's <c>app</c>).</summary>
    public string DotnetRunCommand() => "dotnet " + string.Join(' ', DotnetRun());
}
