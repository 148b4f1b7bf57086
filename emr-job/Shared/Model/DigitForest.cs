using System.Reflection;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace MnistEmr.Job.Shared.Model;

/// <summary>
/// The trees of a fitted LightGBM multiclass model, copied out of ML.NET into flat arrays and evaluated directly.
/// ML.NET scores one row at a time through its data-view cursor and runs a <c>Parallel.For</c> over the ten classes
/// for every row (OneVersusAllModelParameters.ImplSoftmax), which costs far more than the trees themselves. This
/// evaluator computes the same numbers the same way: per class the tree outputs summed in tree order in a double and
/// cast to float (TreeEnsembleModelParameters.Map), then ML.NET's softmax (exp of each float score, summed in a
/// double, each divided by the sum and cast to float), so its probabilities equal ML.NET's bit for bit. Each tree's
/// leaf is found by <see cref="LeafBitvectorScorer"/> when every tree has at most 64 leaves, else by walking it.
/// </summary>
internal sealed class DigitForest
{
    private readonly Node[] nodes;
    private readonly double[] leafValue;

    // Tree t: its root node is nodeStart[t], its leaves start at leafStart[t]; classOfTree[t] is the score slot.
    private readonly int[] nodeStart;
    private readonly int[] leafStart;
    private readonly int[] classOfTree;

    // The same trees read by bitvectors (many times faster than the walk), when every tree is small enough.
    private readonly LeafBitvectorScorer? bitvectors;

    private DigitForest(int classes, int featureCount, List<(int Slot, RegressionTree Tree)> trees, int bitvectorLeaves)
    {
        Classes = classes;
        FeatureCount = featureCount;
        var nodes = trees.Sum(t => t.Tree.NumberOfNodes);
        var leaves = trees.Sum(t => t.Tree.NumberOfLeaves);
        this.nodes = new Node[nodes];
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
                this.nodes[node + n] = new Node(tree.NumericalSplitFeatureIndexes[n], tree.NumericalSplitThresholds[n], tree.LeftChild[n], tree.RightChild[n]);
            }

            for (var l = 0; l < tree.NumberOfLeaves; l++)
            {
                leafValue[leaf + l] = tree.LeafValues[l];
            }

            node += tree.NumberOfNodes;
            leaf += tree.NumberOfLeaves;
        }

        TreeCount = trees.Count;
        bitvectors = LeafBitvectorScorer.TryFrom(trees, classes, bitvectorLeaves);
    }

    /// <summary>Score slots (classes present in the training data).</summary>
    public int Classes { get; }

    /// <summary>Features per row the trees were trained on.</summary>
    public int FeatureCount { get; }

    /// <summary>Trees in all classes together.</summary>
    public int TreeCount { get; }

    /// <summary>True when rows are scored by leaf bitvectors (<see cref="LeafBitvectorScorer"/>), false when by walking the trees.</summary>
    public bool UsesBitvectors => bitvectors is not null;

    /// <summary>
    /// The forest inside <paramref name="model"/> (a chain as <see cref="MnistTrainer"/> fits it) for rows of
    /// <paramref name="featureCount"/> features, or null when the model has another shape or splits on a feature
    /// beyond them (then the caller scores with ML.NET itself).
    /// </summary>
    public static DigitForest? TryFrom(ITransformer model, int featureCount) => TryFrom(model, featureCount, LeafBitvectorScorer.MaxLeaves);

    /// <summary>
    /// As <see cref="TryFrom(ITransformer, int)"/>, with bitvectors only when no tree has more than
    /// <paramref name="bitvectorLeaves"/> leaves (at most <see cref="LeafBitvectorScorer.MaxLeaves"/>; 0 always walks).
    /// </summary>
    internal static DigitForest? TryFrom(ITransformer model, int featureCount, int bitvectorLeaves)
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
        return new DigitForest(subModels.Count, featureCount, ordered, bitvectorLeaves);
    }

    /// <summary>
    /// Writes the probability of each score slot for one row of <see cref="FeatureCount"/> features into
    /// <paramref name="probabilities"/> (length <see cref="Classes"/>).
    /// </summary>
    public void Predict(ReadOnlySpan<float> features, Span<float> probabilities) => Predict(features, 1, probabilities);

    /// <summary>
    /// Scores <paramref name="rows"/> rows at once: <paramref name="features"/> holds them one after another
    /// (<see cref="FeatureCount"/> each) and <paramref name="probabilities"/> receives <see cref="Classes"/> per row.
    /// Each row's sums add the trees in the same order whichever way the leaves are found, so a row's result does not
    /// depend on the block it is in.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Predict(ReadOnlySpan<float> features, int rows, Span<float> probabilities)
    {
        if (rows < 0 || features.Length < rows * FeatureCount || probabilities.Length < rows * Classes)
        {
            throw new ArgumentException($"needs {FeatureCount} features and room for {Classes} probabilities per row, for {rows} rows");
        }

        var sums = rows * Classes <= 1024 ? stackalloc double[rows * Classes] : new double[rows * Classes];
        if (bitvectors is not null)
        {
            bitvectors.Sum(features, FeatureCount, rows, sums);
        }
        else
        {
            Walk(features, rows, sums);
        }

        for (var r = 0; r < rows; r++)
        {
            Softmax(sums.Slice(r * Classes, Classes), probabilities.Slice(r * Classes, Classes));
        }
    }

    /// <summary>
    /// The per-class sums of <paramref name="rows"/> rows by walking each tree. Each tree is walked for every row of the
    /// block while its nodes are in cache; each row's sums still add the trees in the same order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Walk(ReadOnlySpan<float> features, int rows, Span<double> sums)
    {
        sums.Clear();
        var tree = nodes.AsSpan();
        for (var t = 0; t < nodeStart.Length; t++)
        {
            var root = tree[nodeStart[t]..];
            var leaves = leafValue.AsSpan(leafStart[t]);
            var slot = classOfTree[t];
            for (var r = 0; r < rows; r++)
            {
                var row = features.Slice(r * FeatureCount, FeatureCount);
                var node = 0;
                while (node >= 0)
                {
                    ref readonly var split = ref root[node];
                    node = row[split.Feature] <= split.Threshold ? split.Left : split.Right;
                }

                sums[(r * Classes) + slot] += leaves[~node];
            }
        }
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

    /// <summary>
    /// One split: go left when the feature's value is at most the threshold. A negative child is a leaf, ~child
    /// indexing the tree's leaf values, as in ML.NET's InternalRegressionTree. One struct, so a step reads one cache line.
    /// </summary>
    private readonly record struct Node(int Feature, float Threshold, int Left, int Right);
}
