using Pipeline.Stacks;

namespace Pipeline.Review.Tests;

/// <summary>
/// Gathers what jsii unpacks in this test process (about 35 MB a start, never deleted by jsii) into a folder of the
/// run's own, deleted after the last test, as the app itself does (<see cref="JsiiTempFolder"/>).
/// </summary>
[SetUpFixture]
public sealed class TestRunSetup
{
    private JsiiTempFolder? _jsiiTemp;

    [OneTimeSetUp]
    public void GatherJsiiFiles() => _jsiiTemp = JsiiTempFolder.Enter();

    [OneTimeTearDown]
    public void DeleteJsiiFiles() => _jsiiTemp?.Dispose();
}
