package com.keystone.crm.scoring.learning;

import smile.classification.LogisticRegression;

import java.io.Serial;

/** L2-regularised logistic regression on standardised, one-hot columns; contributions are coefficient × value. */
public final class LogisticModel implements ProbabilityModel {
    @Serial
    private static final long serialVersionUID = 1L;
    private final double[] weights;
    private final double intercept;

    private LogisticModel(double[] weights, double intercept) {
        this.weights = weights;
        this.intercept = intercept;
    }

    public static LogisticModel fit(double[][] x, int[] y, double lambda) {
        LogisticRegression.Binomial lr = LogisticRegression.binomial(x, y, lambda, 1e-5, 500);
        double[] w = lr.coefficients();
        // Smile keeps one weight per column, then the intercept
        return new LogisticModel(java.util.Arrays.copyOf(w, w.length - 1), w[w.length - 1]);
    }

    @Override
    public double probability(double[] x) {
        double z = intercept;
        for (int j = 0; j < weights.length; j++) {
            z += weights[j] * x[j];
        }
        return 1 / (1 + Math.exp(-z));
    }

    @Override
    public double[] contributions(double[] x) {
        double[] c = new double[weights.length];
        for (int j = 0; j < weights.length; j++) {
            c[j] = weights[j] * x[j];
        }
        return c;
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.LOGISTIC_REGRESSION;
    }

    @Override
    public String contributionUnit() {
        return "log-odds";
    }
}
