using MnistEmr.Stacks;
using NUnit.Framework;

/// <summary>
/// Gathers what jsii unpacks in a test process that synthesizes stacks (about 35 MB a start, never deleted by jsii)
/// into a folder of the run's own, deleted after the last test, as the app itself does (<see cref="JsiiTempFolder"/>).
/// Outside any namespace, so it wraps every test of the assembly; compiled into the test projects that synthesize.
/// </summary>
[SetUpFixture]
public sealed class JsiiTempFolderSetup
{
    private JsiiTempFolder? _jsiiTemp;

    /// <summary>Points TMPDIR at the run's folder before any test starts jsii.</summary>
    [OneTimeSetUp]
    public void GatherJsiiFiles() => _jsiiTemp = JsiiTempFolder.Enter();

    /// <summary>Deletes the folder after the last test.</summary>
    [OneTimeTearDown]
    public void DeleteJsiiFiles() => _jsiiTemp?.Dispose();
}
