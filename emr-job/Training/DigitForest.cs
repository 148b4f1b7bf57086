using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace MnistJob.Training;

/// <summary>
/// The trees of a fitted LightGBM multiclass model, copied out of ML.NET into flat arrays and evaluated directly.
/// ML.NET scores one row at a time through its data-view cursor and runs a <c>Parallel.For</c> over the ten classes
/// for every row (OneVersusAllModelParameters.ImplSoftmax), which costs far more than the trees themselves. This
/// evaluator computes the same numbers the same way: per class the tree outputs summed in tree order in a double and
/// cast to float (TreeEnsembleModelParameters.Map), then ML.NET's softmax (exp of each float score, summed in a
/// double, each divided by the sum and cast to float), so its probabilities equal ML.NET's bit for bit.
/// </summary>
public sealed class DigitForest
{
    // One node: the feature, the threshold (go left when value <= threshold), and the two children. A child that is
    // negative is a leaf, ~child indexing the leaf values, as in ML.NET's InternalRegressionTree.
    private readonly int[] splitFeature;
    private readonly float[] threshold;
    private readonly int[] left;
    private readonly int[] right;
    private readonly double[] leafValue;

    // Tree t: its root node is nodeStart[t], its leaves start at leafStart[t]; classOfTree[t] is the score slot.
    private readonly int[] nodeStart;
    private readonly int[] leafStart;
    private readonly int[] classOfTree;

    private DigitForest(int classes, int featureCount, List<(int Slot, RegressionTree Tree)> trees)
    {
        Classes = classes;
        FeatureCount = featureCount;
        var nodes = trees.Sum(t => t.Tree.NumberOfNodes);
        var leaves = trees.Sum(t => t.Tree.NumberOfLeaves);
        splitFeature = new int[nodes];
        threshold = new float[nodes];
        left = new int[nodes];
        right = new int[nodes];
        leafValue = new double[leaves];
        nodeStart = new int[trees.Count];
        leafStart = new int[trees.Count];
        classOfTree = new int[trees.Count];
        int node = 0, leaf = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            var (slot, tree) = trees[t];
            nodeStart[t] = node;
            leafStart[t] = leaf;
            classOfTree[t] = slot;
            for (var n = 0; n < tree.NumberOfNodes; n++)
            {
                splitFeature[node + n] = tree.NumericalSplitFeatureIndexes[n];
                threshold[node + n] = tree.NumericalSplitThresholds[n];
                left[node + n] = tree.LeftChild[n];
                right[node + n] = tree.RightChild[n];
            }

            for (var l = 0; l < tree.NumberOfLeaves; l++)
            {
                leafValue[leaf + l] = tree.LeafValues[l];
            }

            node += tree.NumberOfNodes;
            leaf += tree.NumberOfLeaves;
        }

        TreeCount = trees.Count;
    }

    /// <summary>Score slots (classes present in the training data).</summary>
    public int Classes { get; }

    /// <summary>Features per row the trees were trained on.</summary>
    public int FeatureCount { get; }

    /// <summary>Trees in all classes together.</summary>
    public int TreeCount { get; }

    /// <summary>
    /// The forest inside <paramref name="model"/> (a chain as <see cref="MnistTrainer"/> fits it) for rows of
    /// <paramref name="featureCount"/> features, or null when the model has another shape or splits on a feature
    /// beyond them (then the caller scores with ML.NET itself).
    /// </summary>
    public static DigitForest? TryFrom(ITransformer model, int featureCount)
    {
        var predictor = (model as IEnumerable<ITransformer>)?
            .OfType<ISingleFeaturePredictionTransformer<object>>()
            .Select(t => t.Model)
            .OfType<OneVersusAllModelParameters>()
            .FirstOrDefault();
        if (predictor is null || SubModels(predictor) is not { } subModels)
        {
            return null;
        }

        var trees = new List<(int Slot, int Round, RegressionTree Tree)>();
        for (var slot = 0; slot < subModels.Count; slot++)
        {
            if (EnsembleOf(subModels[slot]) is not { } ensemble || ensemble.Bias != 0 || ensemble.TreeWeights.Any(w => w != 1))
            {
                return null;
            }

            for (var round = 0; round < ensemble.Trees.Count; round++)
            {
                var tree = ensemble.Trees[round];
                // Categorical splits and trees ML.NET treats as empty (LteChild[0] == 0 scores 0) are not expected from
                // dense numeric features; meeting one, leave the scoring to ML.NET rather than approximate it.
                if (tree.CategoricalSplitFlags.Any(c => c) || tree.LeftChild[0] == 0
                    || tree.NumericalSplitFeatureIndexes.Any(f => f < 0 || f >= featureCount))
                {
                    return null;
                }

                trees.Add((slot, round, tree));
            }
        }

        // Interleave the classes' trees round by round: the per-class sums keep their tree order (so the double
        // sums are the same), and one pass over the array touches the trees in the order LightGBM built them.
        var ordered = trees
            .OrderBy(t => t.Round)
            .ThenBy(t => t.Slot)
            .Select(t => (t.Slot, t.Tree))
            .ToList();
        return new DigitForest(subModels.Count, featureCount, ordered);
    }

    /// <summary>
    /// Writes the probability of each score slot for one row of <see cref="FeatureCount"/> features into
    /// <paramref name="probabilities"/> (length <see cref="Classes"/>).
    /// </summary>
    public void Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        if (features.Length < FeatureCount || probabilities.Length < Classes)
        {
            throw new ArgumentException($"needs {FeatureCount} features and room for {Classes} probabilities");
        }

        Span<double> sums = stackalloc double[Classes];
        sums.Clear();
        for (var t = 0; t < nodeStart.Length; t++)
        {
            var start = nodeStart[t];
            var node = 0;
            while (node >= 0)
            {
                var at = start + node;
                node = features[splitFeature[at]] <= threshold[at] ? left[at] : right[at];
            }

            sums[classOfTree[t]] += leafValue[leafStart[t] + ~node];
        }

        Softmax(sums, probabilities);
    }

    /// <summary>ML.NET's softmax of the float scores, step for step (no max subtracted, as ML.NET does).</summary>
    private void Softmax(Span<double> sums, Span<float> probabilities)
    {
        double total = 0;
        for (var c = 0; c < Classes; c++)
        {
            sums[c] = Math.Exp((float)sums[c]);
            total += sums[c];
        }

        for (var c = 0; c < Classes; c++)
        {
            probabilities[c] = (float)(sums[c] / total);
        }
    }

    private static RegressionTreeEnsemble? EnsembleOf(object subModel) => subModel switch
    {
        TreeEnsembleModelParametersBasedOnRegressionTree trees => trees.TrainedTreeEnsemble,
        CalibratedModelParametersBase calibrated => (calibrated.SubModel as TreeEnsembleModelParametersBasedOnRegressionTree)?.TrainedTreeEnsemble,
        _ => null,
    };

    /// <summary>
    /// The per-class predictors of the one-versus-all model. ML.NET keeps them behind an internal property
    /// (SubModelParameters); read by reflection, and when a future ML.NET renames it this returns null and
    /// <see cref="DigitModel"/> falls back to ML.NET's own scoring (a test pins that this path is taken with the
    /// version the project references).
    /// </summary>
    private static IReadOnlyList<object>? SubModels(OneVersusAllModelParameters predictor) =>
        typeof(OneVersusAllModelParameters)
            .GetProperty("SubModelParameters", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)?
            .GetValue(predictor) is IEnumerable<object> models
            ? models.ToList()
            : null;
}
