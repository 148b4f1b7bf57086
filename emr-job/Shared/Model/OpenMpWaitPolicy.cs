namespace MnistEmr.Job.Shared.Model;

/// <summary>
/// How LightGBM's OpenMP threads wait for each other: a short spin (1,000 spins) and then sleep, in every process of the
/// job and the bench, unless the user set <c>OMP_WAIT_POLICY</c> already. <see cref="Apply"/> is the first thing their
/// entry points do.
/// </summary>
/// <remarks>
/// LightGBM's native library links GNU OpenMP (libgomp), whose threads meet at a barrier after every parallel loop:
/// dozens per boosting round. A thread that arrives first waits actively, spinning on a core, for 300,000 spins when
/// <c>OMP_WAIT_POLICY</c> is unset and for 30 billion when it is <c>ACTIVE</c>; <c>PASSIVE</c> makes that 0, so it
/// sleeps at once (libgomp manual, "OMP_WAIT_POLICY" and "GOMP_SPINCOUNT":
/// https://gcc.gnu.org/onlinedocs/libgomp/OMP_005fWAIT_005fPOLICY.html,
/// https://gcc.gnu.org/onlinedocs/libgomp/GOMP_005fSPINCOUNT.html). A spinning thread is harmless on an idle
/// machine, but where other processes hold the cores (a YARN node, whose executors share its vCPUs: no CPU isolation
/// by default; a shared developer machine) it spends a core's time slice that the thread it waits for needs: the
/// same training beside one busy process per core took 163 s with libgomp's default and 23 s with PASSIVE. Sleeping at
/// once costs a wake-up per barrier on free cores, though (12 to 16 s quiet against 4 to 7 s); a spin of 1,000 before
/// sleeping (<c>GOMP_SPINCOUNT</c>, which libgomp honours whatever the policy) trained as fast as libgomp's default on
/// free cores (4.8 to 6.5 s) and as fast as PASSIVE beside the busy processes (13.4 to 16.2 s), where 100 spins was as
/// slow as PASSIVE quiet and 10,000 slower loaded (bench/README.md, Training under a shared CPU).
/// <para>
/// libgomp reads these variables once, in a constructor run when the library is loaded (libgomp/env.c,
/// <c>initialize_env</c>), so they must be in the native environment before LightGBM is first loaded. On Unix .NET
/// keeps its own copy of the environment, and <see cref="Environment.SetEnvironmentVariable(string, string)"/>
/// changes only that copy: "such modifications made by managed callers aren't seen by native libraries"
/// (https://learn.microsoft.com/dotnet/fundamentals/runtime-libraries/system-environment-getenvironmentvariable).
/// Hence libc's <c>setenv</c>. A user's <c>OMP_WAIT_POLICY</c> leaves both variables as they are; a user's
/// <c>GOMP_SPINCOUNT</c> is kept (libgomp uses it whatever the policy says: the same manual page).
/// </para>
/// </remarks>
public static class OpenMpWaitPolicy
{
    /// <summary>The variable libgomp reads.</summary>
    public const string Variable = "OMP_WAIT_POLICY";

    /// <summary>Waiting threads sleep instead of spinning, after <see cref="SpinCountVariable"/>'s spins.</summary>
    public const string Passive = "PASSIVE";

    /// <summary>libgomp's spin count before a waiting thread sleeps.</summary>
    public const string SpinCountVariable = "GOMP_SPINCOUNT";

    /// <summary>The spins before sleeping: short enough to leave a shared core, long enough to catch a barrier on a free one.</summary>
    public const string ShortSpin = "1000";

    /// <summary>
    /// Sets <see cref="Variable"/> to <see cref="Passive"/> in the process's native environment (and in .NET's copy)
    /// unless it already has a value, which is kept: a user's choice wins (an empty value is none: libgomp ignores it
    /// with a warning). Call it first in <c>Main</c>, before any other thread reads the environment (glibc's
    /// <c>setenv</c> is not safe beside a concurrent <c>getenv</c>) and before LightGBM is loaded. Returns the value
    /// in force.
    /// </summary>
    public static string Apply()
    {
        if (Current is { Length: > 0 } given)
        {
            return given;
        }

        if (NativeValue(SpinCountVariable) is not { Length: > 0 })
        {
            Set(SpinCountVariable, ShortSpin);
        }

        Set(Variable, Passive);
        return Passive;
    }

    /// <summary>The value of <see cref="Variable"/> as native code (libgomp) reads it; null when unset.</summary>
    public static string? Current => NativeValue(Variable);

    /// <summary>The value of <see cref="SpinCountVariable"/> as libgomp reads it; null when unset.</summary>
    public static string? SpinCount => NativeValue(SpinCountVariable);

    private static string? NativeValue(string name) => OperatingSystem.IsWindows()
        ? Environment.GetEnvironmentVariable(name)
        : Marshal.PtrToStringUTF8(GetEnv(name));

    private static void Set(string name, string value)
    {
        if (!OperatingSystem.IsWindows() && SetEnv(name, value, overwrite: 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        // On Windows this is the process environment itself; on Unix it keeps .NET's copy, and the children it
        // starts, in step with the native one.
        Environment.SetEnvironmentVariable(name, value);
    }

    // "libc" is mapped to the platform's C library by the runtime's native library loader. DllImport rather than
    // LibraryImport, whose generated marshalling needs unsafe code allowed in the whole project.
    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    // The result points into the environment itself: read, never freed.
    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
