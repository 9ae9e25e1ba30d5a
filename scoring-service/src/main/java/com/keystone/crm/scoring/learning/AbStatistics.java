package com.keystone.crm.scoring.learning;

import smile.stat.distribution.GaussianDistribution;

/**
 * The figures an A/B comparison of two models rests on: per arm the conversion rate with a Wilson interval and the
 * ROC AUC of the arm's own predictions with its Hanley-McNeil standard error; between the arms the difference of
 * AUCs with a normal interval (the arms hold different leads, so their AUCs are independent).
 */
public final class AbStatistics {
    private AbStatistics() {
    }

    /** The two-sided z for a confidence level (0.95 → 1.96). */
    public static double z(double confidence) {
        return GaussianDistribution.getInstance().quantile(1 - (1 - confidence) / 2);
    }

    /** Wilson score interval of a proportion: sensible at small counts and at 0 or n successes. */
    public static double[] wilson(int successes, int n, double z) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double p = (double) successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** Hanley and McNeil (1982): the standard error of an AUC from it and the counts of positives and negatives. */
    public static double aucStandardError(double auc, int positives, int negatives) {
        if (positives == 0 || negatives == 0 || Double.isNaN(auc)) {
            return Double.NaN;
        }
        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        double var = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc))
                / ((double) positives * negatives);
        return Math.sqrt(Math.max(var, 0));
    }

    /** The interval of {@code aucB - aucA} for independent samples; NaN bounds when either AUC is undefined. */
    public static double[] differenceInterval(double aucA, double seA, double aucB, double seB, double z) {
        double d = aucB - aucA;
        double se = Math.sqrt(seA * seA + seB * seB);
        return new double[] {d - z * se, d + z * se};
    }
}
