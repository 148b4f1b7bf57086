using System.Runtime.InteropServices;

namespace MnistEmr.Job.Tests.Shared.Model;

/// <summary>The job's trainer has LightGBM build its histograms column-wise; the bench's baseline leaves it to LightGBM.</summary>
[TestFixture]
public class LightGbmColumnWiseTests
{
    [Test]
    public void JobTrainer_ReachesLightGbm_WhichThenSkipsItsOwnLayoutTrial()
    {
        // LightGBM logs the layout it picked when it times both itself, and nothing of the kind when told.
        var job = LightGbmLog(new MnistTrainer(new MLContext(1)));
        var baseline = LightGbmLog(new MnistTrainer(new MLContext(1), forceColumnWise: false));

        Assert.That(job, Has.Some.Contains("Total Bins"), "LightGBM's log was read");
        Assert.That(job, Has.None.Contains("Auto-choosing"));
        Assert.That(baseline, Has.Some.Contains("Auto-choosing"));
    }

    // LightGBM's C API (c_api.h, LGBM_RegisterLogCallback): its log goes to this callback instead of standard output
    // until null puts it back. The callback is registered on the thread that fits, as ML.NET fits on the caller's.
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void LogCallback(IntPtr message);

    [DllImport("lib_lightgbm")]
    private static extern int LGBM_RegisterLogCallback(LogCallback? callback);

    /// <summary>What LightGBM logs when it fits <paramref name="trainer"/>'s options, made verbose, on 200 small rows.</summary>
    private static List<string> LightGbmLog(MnistTrainer trainer)
    {
        var ml = new MLContext(1);
        var messages = new List<string>();
        LogCallback callback = message => messages.Add(Marshal.PtrToStringAnsi(message) ?? "");
        var random = new Random(7);
        var rows = Enumerable.Range(0, 200)
            .Select(i => new DigitFeatures { Label = (uint)(i % 3), Features = Enumerable.Range(0, 8).Select(f => (float)(random.NextDouble() + (f == i % 3 ? 1 : 0))).ToArray() })
            .ToList();
        var data = ml.Data.LoadFromEnumerable(rows, DigitFeatures.Schema(8));
        var options = trainer.LightGbmOptions(new TrainerSettings(Iterations: 2));
        options.Silent = false;
        Assert.That(LGBM_RegisterLogCallback(callback), Is.Zero);
        try
        {
            ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label")
                .Append(ml.MulticlassClassification.Trainers.LightGbm(options))
                .Fit(data);
        }
        finally
        {
            LGBM_RegisterLogCallback(null);
            GC.KeepAlive(callback);
        }

        return messages;
    }
}
