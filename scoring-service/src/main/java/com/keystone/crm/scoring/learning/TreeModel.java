package com.keystone.crm.scoring.learning;

import smile.base.cart.SplitRule;
import smile.classification.DataFrameClassifier;
import smile.classification.GradientTreeBoost;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.IntVector;
import smile.feature.importance.SHAP;
import smile.math.MathEx;

import java.io.Serial;
import java.util.stream.LongStream;

/**
 * A random forest or gradient-boosted trees (Smile) on the encoded columns; contributions are TreeSHAP values of
 * the "converted" class.
 */
public final class TreeModel implements ProbabilityModel {
    @Serial
    private static final long serialVersionUID = 1L;
    static final String LABEL = "converted__";
    /**
     * Seeds of the trees' random draws (bootstraps, candidate features, boosting's subsamples): the same rows and
     * settings give the same model, so a training run can be reproduced and audited, and a test's figure is not a
     * draw. Smile seeds a forest's tree only for seeds above 1.
     */
    static final long SEED = 20_250_101L;

    private final Algorithm algorithm;
    private final DataFrameClassifier model;
    private final StructType schema;
    private final int width;

    private TreeModel(Algorithm algorithm, DataFrameClassifier model, StructType schema, int width) {
        this.algorithm = algorithm;
        this.model = model;
        this.schema = schema;
        this.width = width;
    }

    public static TreeModel forest(double[][] x, int[] y, TrainingSettings s) {
        DataFrame df = frame(x, y);
        int mtry = Math.max(1, (int) Math.floor(Math.sqrt(x[0].length)));
        RandomForest rf = RandomForest.fit(Formula.lhs(LABEL), df, s.forestTrees(), mtry, SplitRule.GINI, s.forestMaxDepth(),
                s.forestMaxNodes(), s.forestNodeSize(), 1.0, balancedSampling(y),
                LongStream.range(SEED, SEED + s.forestTrees()));
        return new TreeModel(Algorithm.RANDOM_FOREST, rf, predictors(x[0].length), x[0].length);
    }

    /**
     * Smile's per-class divisors of each tree's bootstrap (class k draws count_k / divisor_k rows), set so that every
     * tree sees as many rows of each class as of the rarer one (a balanced random forest). Why: Smile merges sibling
     * leaves that predict the same class, so with rare conversions every leaf says "not converted", the trees
     * collapse to their root and the forest gives every lead the same probability (measured: 8,237 bank-marketing
     * rows at 3 % conversion, one distinct prediction). Platt or isotonic calibration on the out-of-fold predictions
     * maps the balanced trees' probabilities back to the real rate.
     */
    static int[] balancedSampling(int[] y) {
        int positives = 0;
        for (int v : y) {
            positives += v;
        }
        int negatives = y.length - positives;
        int rarer = Math.max(1, Math.min(positives, negatives));
        return new int[] {Math.max(1, (int) Math.round((double) negatives / rarer)),
                Math.max(1, (int) Math.round((double) positives / rarer))};
    }

    public static TreeModel boosting(double[][] x, int[] y, TrainingSettings s) {
        DataFrame df = frame(x, y);
        MathEx.setSeed(SEED); // boosting draws its subsamples from this thread's generator
        GradientTreeBoost gbt = GradientTreeBoost.fit(Formula.lhs(LABEL), df, s.boostTrees(), s.boostMaxDepth(),
                s.boostMaxNodes(), s.boostNodeSize(), s.boostShrinkage(), s.boostSubsample());
        return new TreeModel(Algorithm.GRADIENT_BOOSTING, gbt, predictors(x[0].length), x[0].length);
    }

    private static DataFrame frame(double[][] x, int[] y) {
        return DataFrame.of(x, names(x[0].length)).merge(IntVector.of(LABEL, y));
    }

    private static String[] names(int p) {
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            names[j] = "x" + j;
        }
        return names;
    }

    private static StructType predictors(int p) {
        return DataFrame.of(new double[1][p], names(p)).schema();
    }

    @Override
    public double probability(double[] x) {
        double[] posteriori = new double[2];
        model.predict(Tuple.of(x, schema), posteriori);
        return posteriori[1];
    }

    @Override
    @SuppressWarnings("unchecked")
    public double[] contributions(double[] x) {
        double[] shap = ((SHAP<Tuple>) model).shap(Tuple.of(x, schema));
        // Smile lays the values out feature by feature, one per class: take the "converted" class
        int classes = shap.length / width;
        double[] c = new double[width];
        for (int j = 0; j < width; j++) {
            c[j] = shap[j * classes + (classes - 1)];
        }
        return c;
    }

    @Override
    public Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public String contributionUnit() {
        return algorithm == Algorithm.GRADIENT_BOOSTING ? "log-odds" : "probability";
    }
}
