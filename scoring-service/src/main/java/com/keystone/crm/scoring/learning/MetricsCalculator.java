package com.keystone.crm.scoring.learning;

import smile.validation.metric.AUC;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** ROC AUC (Smile), PR AUC (average precision), Brier score, log loss, lift by decile and a reliability curve. */
public final class MetricsCalculator {
    private MetricsCalculator() {
    }

    public static Metrics of(int[] y, double[] p) {
        int positives = Arrays.stream(y).sum();
        double auc = positives == 0 || positives == y.length ? Double.NaN : AUC.of(y, p);
        double brier = 0;
        double logLoss = 0;
        for (int i = 0; i < y.length; i++) {
            double q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
            brier += (p[i] - y[i]) * (p[i] - y[i]);
            logLoss -= y[i] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        int n = Math.max(1, y.length);
        return new Metrics(y.length, positives, round(auc), round(averagePrecision(y, p, positives)), round(brier / n),
                round(logLoss / n), lift(y, p, positives), reliability(y, p));
    }

    public static double auc(int[] y, double[] p) {
        return AUC.of(y, p);
    }

    static Integer[] descending(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> p[i]).reversed());
        return order;
    }

    static double averagePrecision(int[] y, double[] p, int positives) {
        if (positives == 0) {
            return Double.NaN;
        }
        Integer[] order = descending(p);
        double ap = 0;
        int hits = 0;
        for (int k = 0; k < order.length; k++) {
            if (y[order[k]] == 1) {
                hits++;
                ap += (double) hits / (k + 1);
            }
        }
        return ap / positives;
    }

    static List<Double> lift(int[] y, double[] p, int positives) {
        List<Double> out = new ArrayList<>();
        if (positives == 0 || y.length < 10) {
            return out;
        }
        double base = (double) positives / y.length;
        Integer[] order = descending(p);
        for (int d = 0; d < 10; d++) {
            int from = d * y.length / 10;
            int to = (d + 1) * y.length / 10;
            int hits = 0;
            for (int k = from; k < to; k++) {
                hits += y[order[k]];
            }
            out.add(round((double) hits / Math.max(1, to - from) / base));
        }
        return out;
    }

    static List<Metrics.ReliabilityBin> reliability(int[] y, double[] p) {
        int bins = 10;
        int[] count = new int[bins];
        double[] predicted = new double[bins];
        int[] observed = new int[bins];
        for (int i = 0; i < y.length; i++) {
            int b = Math.min(bins - 1, (int) (p[i] * bins));
            count[b]++;
            predicted[b] += p[i];
            observed[b] += y[i];
        }
        List<Metrics.ReliabilityBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                out.add(new Metrics.ReliabilityBin(b / 10.0, (b + 1) / 10.0, count[b], round(predicted[b] / count[b]),
                        round((double) observed[b] / count[b])));
            }
        }
        return out;
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10000) / 10000.0;
    }
}
