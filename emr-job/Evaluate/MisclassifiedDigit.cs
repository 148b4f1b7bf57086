namespace MnistEmr.Job.Evaluate;

/// <summary>A test digit the model got wrong.</summary>
/// <param name="Key">Its FORMAT A key.</param>
/// <param name="Label">The true label.</param>
/// <param name="Predicted">The predicted label.</param>
/// <param name="Confidence">The probability given to the prediction.</param>
/// <param name="Png">The image, embedded in the HTML report only.</param>
internal sealed record MisclassifiedDigit(string Key, int Label, int Predicted, double Confidence, [property: JsonIgnore] byte[] Png);
