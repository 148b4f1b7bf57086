using System.Runtime.InteropServices;

namespace MnistJob.Training;

/// <summary>
/// How LightGBM's OpenMP threads wait for each other: <c>PASSIVE</c> (sleep) in every process of the job and the bench,
/// unless the user set <c>OMP_WAIT_POLICY</c> already. <see cref="Apply"/> is the first thing their entry points do.
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
/// same training beside one busy process per core took 163 s with libgomp's default and 23 s with PASSIVE, which on
/// free cores costs a wake-up per barrier instead (bench/EmrJob.Bench/README.md, Training under a shared CPU).
/// <para>
/// libgomp reads these variables once, in a constructor run when the library is loaded (libgomp/env.c,
/// <c>initialize_env</c>), so they must be in the native environment before LightGBM is first loaded. On Unix .NET
/// keeps its own copy of the environment, and <see cref="Environment.SetEnvironmentVariable(string, string)"/>
/// changes only that copy: "such modifications made by managed callers aren't seen by native libraries"
/// (https://learn.microsoft.com/dotnet/fundamentals/runtime-libraries/system-environment-getenvironmentvariable).
/// Hence libc's <c>setenv</c>. <c>GOMP_SPINCOUNT</c> is left alone: when the user sets it, libgomp uses it whatever
/// the policy says (the same manual page).
/// </para>
/// </remarks>
public static class OpenMpWaitPolicy
{
    /// <summary>The variable libgomp reads.</summary>
    public const string Variable = "OMP_WAIT_POLICY";

    /// <summary>Waiting threads sleep instead of spinning.</summary>
    public const string Passive = "PASSIVE";

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

        if (!OperatingSystem.IsWindows() && SetEnv(Variable, Passive, overwrite: 1) != 0)
        {
            throw new InvalidOperationException($"setenv({Variable}) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        // On Windows this is the process environment itself; on Unix it keeps .NET's copy, and the children it
        // starts, in step with the native one.
        Environment.SetEnvironmentVariable(Variable, Passive);
        return Passive;
    }

    /// <summary>The value of <see cref="Variable"/> as native code (libgomp) reads it; null when unset.</summary>
    public static string? Current => OperatingSystem.IsWindows()
        ? Environment.GetEnvironmentVariable(Variable)
        : Marshal.PtrToStringUTF8(GetEnv(Variable));

    // "libc" is mapped to the platform's C library by the runtime's native library loader. DllImport rather than
    // LibraryImport, whose generated marshalling needs unsafe code allowed in the whole project.
    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    // The result points into the environment itself: read, never freed.
    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
