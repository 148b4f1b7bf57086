namespace MnistEmr.Job.Report;

/// <summary>Where the evaluation spent its time.</summary>
/// <param name="ReadSeconds">Listing, fetching and validating the test tree.</param>
/// <param name="InferenceSeconds">Featurizing and classifying the test digits.</param>
/// <param name="TotalSeconds">The whole evaluation, including loading the model.</param>
/// <param name="InferenceDigitsPerSecond">Used digits / inference seconds.</param>
internal sealed record ReportTimings(double ReadSeconds, double InferenceSeconds, double TotalSeconds, double InferenceDigitsPerSecond);
