using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using MnistJob.Core;
using MnistJob.Training;

namespace MnistJob.Tests.Training;

[TestFixture]
public class LightGbmColumnWiseTests
{
    [Test]
    public void JobTrainer_AsksLightGbmForColumnWiseHistograms()
    {
        var trainer = new MnistTrainer(new MLContext(1)).LightGbm(new TrainerSettings());

        Assert.That(LightGbmColumnWise.Parameters(trainer)[LightGbmColumnWise.Parameter], Is.EqualTo("true"));
    }

    [Test]
    public void Force_ReachesLightGbm_WhichThenSkipsItsOwnLayoutTrial()
    {
        // LightGBM logs the layout it picked when it times both itself, and nothing of the kind when told.
        var unforced = LightGbmLog(force: false);
        var forced = LightGbmLog(force: true);

        Assert.That(unforced, Has.Some.Contains("Auto-choosing"));
        Assert.That(forced, Has.None.Contains("Auto-choosing"));
        Assert.That(forced, Has.Some.Contains("Total Bins"), "LightGBM's log was read");
    }

    // LightGBM's C API (c_api.h, LGBM_RegisterLogCallback): its log goes to this callback instead of standard output,
    // for the registering thread (LightGBM keeps the callback thread-local); null puts it back. ML.NET fits on the
    // calling thread, and LightGBM logs its layout choice there.
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void LogCallback(IntPtr message);

    [DllImport("lib_lightgbm")]
    private static extern int LGBM_RegisterLogCallback(LogCallback? callback);

    private static List<string> LightGbmLog(bool force)
    {
        var ml = new MLContext(1);
        var messages = new List<string>();
        LogCallback callback = message => messages.Add(Marshal.PtrToStringAnsi(message) ?? "");
        var random = new Random(7);
        var rows = Enumerable.Range(0, 200)
            .Select(i => new DigitFeatures { Label = (uint)(i % 3), Features = Enumerable.Range(0, 8).Select(f => (float)(random.NextDouble() + (f == i % 3 ? 1 : 0))).ToArray() })
            .ToList();
        var data = ml.Data.LoadFromEnumerable(rows, DigitFeatures.Schema(8));
        var trainer = ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            LabelColumnName = "LabelKey",
            FeatureColumnName = "Features",
            NumberOfIterations = 2,
            Seed = 1,
            Silent = false,
        });
        Assert.That(LGBM_RegisterLogCallback(callback), Is.Zero);
        try
        {
            ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label")
                .Append(force ? LightGbmColumnWise.Force(trainer) : trainer)
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
