package com.keystone.crm.scoring.learning;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TreeModelTest {
    /**
     * Yes/no features (as one-hot categories are) and a conversion rate of 5 % to 38 % by combination: no combination
     * converts more often than not, as with most leads.
     */
    static double[][] rows(int n, Random r, int[] y) {
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {r.nextInt(2), r.nextInt(2), r.nextInt(2)};
            double z = -3 + x[i][0] + x[i][1] + 0.5 * x[i][2];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        return x;
    }

    /** Training rows, then holdout rows, drawn from one seeded generator. */
    record Sample(double[][] x, int[] y, double[][] tx, int[] ty) {
        static Sample of(long seed, int training, int holdout) {
            Random r = new Random(seed);
            int[] y = new int[training];
            double[][] x = rows(training, r, y);
            int[] ty = new int[holdout];
            double[][] tx = rows(holdout, r, ty);
            return new Sample(x, y, tx, ty);
        }
    }

    @Test
    void aForestRanksRareConversions() {
        Sample s = Sample.of(7, 4000, 2000);
        TreeModel forest = TreeModel.forest(s.x(), s.y(), TrainingPipelineTest.quick());

        double[] p = Arrays.stream(s.tx()).mapToDouble(forest::probability).toArray();
        // unbalanced, every leaf says "not converted", the trees collapse and every lead gets one probability (AUC 0.5)
        assertThat(Arrays.stream(p).distinct().count()).isGreaterThan(3);
        assertThat(MetricsCalculator.auc(s.ty(), p)).isGreaterThan(0.65);
    }

    @Test
    void theSameRowsAndSettingsTrainTheSameModel() {
        Sample s = Sample.of(11, 1500, 300);
        TreeModel forest = TreeModel.forest(s.x(), s.y(), TrainingPipelineTest.quick());
        TreeModel again = TreeModel.forest(s.x(), s.y(), TrainingPipelineTest.quick());
        TreeModel boosted = TreeModel.boosting(s.x(), s.y(), TrainingPipelineTest.quick());
        TreeModel boostedAgain = TreeModel.boosting(s.x(), s.y(), TrainingPipelineTest.quick());
        for (double[] row : s.tx()) {
            assertThat(again.probability(row)).isEqualTo(forest.probability(row));
            assertThat(boostedAgain.probability(row)).isEqualTo(boosted.probability(row));
        }
    }

    @Test
    void eachTreeDrawsAsManyRowsOfEachClassAsTheRarerHas() {
        int[] y = new int[1000];
        Arrays.fill(y, 0, 40, 1);
        assertThat(TreeModel.balancedSampling(y)).containsExactly(24, 1);
        Arrays.fill(y, 1);
        Arrays.fill(y, 0, 250, 0);
        assertThat(TreeModel.balancedSampling(y)).containsExactly(1, 3);
    }
}
