using System.Reflection;
using Microsoft.ML.Trainers.LightGbm;

namespace MnistJob.Training;

/// <summary>
/// Tells LightGBM to build its histograms column by column (<c>force_col_wise=true</c>), a parameter ML.NET's
/// options do not expose.
/// </summary>
/// <remarks>
/// Left to itself, LightGBM times both layouts on the first histogram, with every digit and every feature, and
/// here it picks row-wise. But each of our trees sees a quarter of the 932 features and half of the digits. In
/// row-wise mode every histogram still walks all the features of each row; column-wise walks only the chosen ones.
/// LightGBM's parameter reference recommends <c>force_col_wise</c> for this case: many columns, few threads (16
/// or fewer) and a small <c>feature_fraction</c> (LightGBM docs, Parameters.rst, <c>force_col_wise</c>). On the
/// sample's 8,000 digits it halved the fit, 25.1 s to 12.6 s, and gave the same model
/// (bench/EmrJob.Bench/README.md). ML.NET 5.0.1 builds LightGBM's parameter string from the trainer's private
/// <c>GbmOptions</c> dictionary, filled in its constructor and read when it fits. The entry is added there, and if
/// a later ML.NET moves that dictionary, this throws. That can happen only on a deliberate upgrade, and every
/// training test fails at once.
/// </remarks>
public static class LightGbmColumnWise
{
    /// <summary>LightGBM's parameter, as LightGBM spells it.</summary>
    public const string Parameter = "force_col_wise";

    private const string FieldName = "GbmOptions";

    /// <summary>Returns <paramref name="trainer"/> with <see cref="Parameter"/> set to true.</summary>
    /// <exception cref="InvalidOperationException">When this ML.NET keeps LightGBM's parameters elsewhere.</exception>
    public static LightGbmMulticlassTrainer Force(LightGbmMulticlassTrainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        Parameters(trainer)[Parameter] = "true";
        return trainer;
    }

    /// <summary>The LightGBM parameters <paramref name="trainer"/> will fit with, as ML.NET holds them.</summary>
    /// <exception cref="InvalidOperationException">When this ML.NET keeps LightGBM's parameters elsewhere.</exception>
    public static IDictionary<string, object> Parameters(LightGbmMulticlassTrainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        for (var type = trainer.GetType(); type is not null; type = type.BaseType)
        {
            if (type.GetField(FieldName, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly) is { } field
                && field.GetValue(trainer) is IDictionary<string, object> parameters)
            {
                return parameters;
            }
        }

        throw new InvalidOperationException(
            $"this ML.NET ({typeof(LightGbmMulticlassTrainer).Assembly.GetName().Version}) keeps no '{FieldName}' "
            + $"dictionary in its LightGBM trainer: '{Parameter}' cannot be set; see {nameof(LightGbmColumnWise)}");
    }
}
