namespace MnistEmr.Job.Tests.Support;

/// <summary>
/// A fixture of tests through the real published binary: the job is published (<see cref="PublishedJob.Folder"/>)
/// before its first test, and its tests share <see cref="Temp"/>, deleted after the last.
/// </summary>
public abstract class PublishedFixture
{
    protected TempFolder Temp { get; private set; } = null!;

    [OneTimeSetUp]
    public void Publish()
    {
        _ = PublishedJob.Folder;
        Temp = new TempFolder();
    }

    [OneTimeTearDown]
    public void CleanUp() => Temp?.Dispose();
}
