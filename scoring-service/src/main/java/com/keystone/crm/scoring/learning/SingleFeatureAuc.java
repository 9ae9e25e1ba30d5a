package com.keystone.crm.scoring.learning;

import java.util.HashMap;
import java.util.Map;

/** One feature's ROC AUC on its own: what the leakage and time-stability guards judge a feature by. */
final class SingleFeatureAuc {
    private SingleFeatureAuc() {
    }

    /**
     * A number ranks as it is (missing at the fitting rows' median); a category by its conversion rate on the
     * fitting rows, shrunk towards the overall rate so that a level seen twice does not look decisive. Signed: below
     * 0.5, it ranks conversions the other way.
     */
    static double signed(Feature fit, int[] fitLabels, Feature judged, int[] judgedLabels) {
        double[] score = new double[judged.size()];
        if (fit.numeric()) {
            double median = median(fit.numbers());
            for (int i = 0; i < score.length; i++) {
                double v = judged.numbers()[i];
                score[i] = Double.isNaN(v) ? median : v;
            }
        } else {
            Map<String, double[]> rates = new HashMap<>();
            double positives = 0;
            for (int i = 0; i < fitLabels.length; i++) {
                double[] r = rates.computeIfAbsent(String.valueOf(fit.levels()[i]), k -> new double[2]);
                r[0] += fitLabels[i];
                r[1]++;
                positives += fitLabels[i];
            }
            double prior = positives / Math.max(1, fitLabels.length);
            for (int i = 0; i < score.length; i++) {
                double[] r = rates.get(String.valueOf(judged.levels()[i]));
                score[i] = r == null ? prior : (r[0] + 10 * prior) / (r[1] + 10);
            }
        }
        double auc = MetricsCalculator.auc(judgedLabels, score);
        return Double.isNaN(auc) ? 0.5 : auc;
    }

    private static double median(double[] values) {
        double[] present = java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return present.length == 0 ? 0 : present[present.length / 2];
    }
}
