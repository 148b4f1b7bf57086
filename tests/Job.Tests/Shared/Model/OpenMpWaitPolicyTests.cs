using System.Runtime.InteropServices;
using MnistEmr.Job.Tests.Bench;
using MnistEmr.Job.Tests.Train;

namespace MnistEmr.Job.Tests.Shared.Model;

/// <summary>
/// The wait policy lands in the native environment, where libgomp reads it: read back here through libc's own
/// getenv, not .NET's copy. That the entry points call it first is shown on the built bench tool (BenchCliTests) and
/// the published job (PublishedTrainRowsTests).
/// </summary>
[TestFixture]
[NonParallelizable]
public class OpenMpWaitPolicyTests
{
    private string? before;
    private string? spinsBefore;

    [SetUp]
    public void SaveTheVariable()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("libc's setenv and getenv are what these tests read: Unix only");
        }

        before = NativeValue();
        spinsBefore = NativeValue(OpenMpWaitPolicy.SpinCountVariable);
    }

    [TearDown]
    public void RestoreTheVariable()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (before is null)
        {
            Assert.That(UnsetEnv(OpenMpWaitPolicy.Variable), Is.Zero);
        }
        else
        {
            Assert.That(SetEnv(OpenMpWaitPolicy.Variable, before, 1), Is.Zero);
        }

        Environment.SetEnvironmentVariable(OpenMpWaitPolicy.Variable, before);
        Assert.That(spinsBefore is null ? UnsetEnv(OpenMpWaitPolicy.SpinCountVariable) : SetEnv(OpenMpWaitPolicy.SpinCountVariable, spinsBefore, 1), Is.Zero);
        Environment.SetEnvironmentVariable(OpenMpWaitPolicy.SpinCountVariable, spinsBefore);
    }

    [Test]
    public void Apply_Unset_PutsPassiveAfterAShortSpinInTheNativeEnvironment()
    {
        Assert.That(UnsetEnv(OpenMpWaitPolicy.Variable), Is.Zero);
        Assert.That(UnsetEnv(OpenMpWaitPolicy.SpinCountVariable), Is.Zero);
        Assert.That(NativeValue(), Is.Null, "unset before");

        var applied = OpenMpWaitPolicy.Apply();

        Assert.That(applied, Is.EqualTo("PASSIVE"));
        Assert.That(NativeValue(), Is.EqualTo("PASSIVE"), "what libgomp will read");
        Assert.That(NativeValue(OpenMpWaitPolicy.SpinCountVariable), Is.EqualTo("1000"), "a short spin first");
        Assert.That(OpenMpWaitPolicy.Current, Is.EqualTo("PASSIVE"));
        Assert.That(Environment.GetEnvironmentVariable(OpenMpWaitPolicy.Variable), Is.EqualTo("PASSIVE"), ".NET's copy in step, for child processes");
    }

    [TestCase("ACTIVE")]
    [TestCase("passive")]
    public void Apply_UserSetIt_KeepsTheirValueAndAddsNoSpinCount(string users)
    {
        Assert.That(SetEnv(OpenMpWaitPolicy.Variable, users, 1), Is.Zero);
        Assert.That(UnsetEnv(OpenMpWaitPolicy.SpinCountVariable), Is.Zero);

        var applied = OpenMpWaitPolicy.Apply();

        Assert.That(applied, Is.EqualTo(users));
        Assert.That(NativeValue(), Is.EqualTo(users));
        Assert.That(NativeValue(OpenMpWaitPolicy.SpinCountVariable), Is.Null, "a spin count would override ACTIVE's own");
    }

    [Test]
    public void Apply_UserSetTheSpinCountOnly_KeepsItAndSleepsAfterIt()
    {
        Assert.That(UnsetEnv(OpenMpWaitPolicy.Variable), Is.Zero);
        Assert.That(SetEnv(OpenMpWaitPolicy.SpinCountVariable, "50000", 1), Is.Zero);

        OpenMpWaitPolicy.Apply();

        Assert.That(NativeValue(), Is.EqualTo("PASSIVE"));
        Assert.That(NativeValue(OpenMpWaitPolicy.SpinCountVariable), Is.EqualTo("50000"));
    }

    [Test]
    public void Apply_SetButEmpty_IsTreatedAsUnset()
    {
        // libgomp warns about an empty value and falls back to its default, which spins: nobody chose that.
        Assert.That(SetEnv(OpenMpWaitPolicy.Variable, string.Empty, 1), Is.Zero);

        OpenMpWaitPolicy.Apply();

        Assert.That(NativeValue(), Is.EqualTo("PASSIVE"));
    }

    private static string? NativeValue(string name = OpenMpWaitPolicy.Variable) => Marshal.PtrToStringUTF8(GetEnv(name));

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "unsetenv")]
    private static extern int UnsetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
