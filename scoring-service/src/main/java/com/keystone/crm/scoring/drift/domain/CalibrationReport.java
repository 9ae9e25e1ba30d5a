package com.keystone.crm.scoring.drift.domain;

import com.keystone.crm.scoring.learning.AbStatistics;
import com.keystone.crm.scoring.learning.MetricsCalculator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Calibration drift: on leads whose outcome is now known and that the model never saw (their cutoff came after it
 * was trained), the conversion each score decile predicted against the one observed. A decile is {@code outside}
 * when its mean prediction lies outside the Wilson interval of its observed rate; the alert is the expected
 * calibration error (the lead-weighted mean of |observed - predicted| over the deciles) at or above the threshold,
 * judged only on enough leads.
 */
public record CalibrationReport(String model, int leads, int conversions, boolean enoughLeads, Double meanPredicted,
                                Double observedRate, Double expectedCalibrationError, Double auc, double threshold,
                                boolean alert, List<Decile> deciles) {
    public static final int DECILES = 10;

    /**
     * @param decile 1 for the lowest scores, 10 for the highest
     */
    public record Decile(int decile, int leads, double scoreFrom, double scoreTo, double meanPredicted, int conversions,
                         double observedRate, double observedLow, double observedHigh, boolean outside) {
    }

    public static CalibrationReport of(String model, double[] predicted, boolean[] converted, int minLeads,
                                       double threshold, double confidence) {
        int n = predicted.length;
        if (n == 0) {
            return new CalibrationReport(model, 0, 0, false, null, null, null, null, threshold, false, List.of());
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> predicted[i]));
        double z = AbStatistics.z(confidence);
        int groups = Math.min(DECILES, n);
        List<Decile> deciles = new ArrayList<>(groups);
        double weightedError = 0;
        int conversions = 0;
        double predictedSum = 0;
        for (int g = 0; g < groups; g++) {
            int from = (int) ((long) g * n / groups);
            int to = (int) ((long) (g + 1) * n / groups);
            double sum = 0;
            int positives = 0;
            for (int k = from; k < to; k++) {
                sum += predicted[order[k]];
                positives += converted[order[k]] ? 1 : 0;
            }
            int size = to - from;
            double mean = sum / size;
            double observed = (double) positives / size;
            double[] interval = AbStatistics.wilson(positives, size, z);
            deciles.add(new Decile(g + 1, size, round(predicted[order[from]]), round(predicted[order[to - 1]]), round(mean),
                    positives, round(observed), round(interval[0]), round(interval[1]), mean < interval[0] || mean > interval[1]));
            weightedError += size * Math.abs(observed - mean);
            conversions += positives;
            predictedSum += sum;
        }
        double ece = weightedError / n;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = converted[i] ? 1 : 0;
        }
        double auc = conversions > 0 && conversions < n ? MetricsCalculator.auc(y, predicted) : Double.NaN;
        boolean enough = n >= minLeads;
        return new CalibrationReport(model, n, conversions, enough, round(predictedSum / n), round((double) conversions / n),
                round(ece), Double.isFinite(auc) ? round(auc) : null, threshold, enough && ece >= threshold, deciles);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
