namespace MnistEmr.Job.Evaluate;

/// <summary>
/// One row of a distributed evaluation, as the engine aggregated it: a confusion-matrix cell with its summed
/// log-loss and inference time, a mistake, a rejection, or the marker that makes the report task run at all.
/// </summary>
/// <param name="Kind">One of the <c>Kind*</c> constants of <see cref="MnistEmr.Contract.RowProtocol"/>.</param>
/// <param name="Key">The FORMAT A key of a mistake or rejection.</param>
/// <param name="Actual">The true digit (a cell's row).</param>
/// <param name="Predicted">The predicted digit (a cell's column).</param>
/// <param name="Count">Digits in a cell.</param>
/// <param name="Loss">Summed log-loss terms.</param>
/// <param name="Seconds">Summed inference seconds.</param>
/// <param name="Confidence">A mistake's confidence.</param>
/// <param name="Png">A mistake's image.</param>
/// <param name="Reason">A rejection's <see cref="RejectionReason"/> name.</param>
/// <param name="Detail">A rejection's detail.</param>
internal sealed record EvaluationRow(
    string Kind,
    string? Key,
    int? Actual,
    int? Predicted,
    long Count,
    double Loss,
    double Seconds,
    double Confidence,
    byte[]? Png,
    string? Reason,
    string? Detail);
