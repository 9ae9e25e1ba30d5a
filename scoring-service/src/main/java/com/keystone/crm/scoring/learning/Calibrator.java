package com.keystone.crm.scoring.learning;

import smile.classification.IsotonicRegressionScaling;
import smile.classification.PlattScaling;

import java.io.Serial;
import java.io.Serializable;

/**
 * Maps a candidate's raw probability to a calibrated one, fitted on out-of-fold predictions of the training rows
 * (Platt scaling on the log-odds, isotonic regression by configuration, or a shift of the log-odds).
 */
public final class Calibrator implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final PlattScaling platt;
    private final IsotonicRegressionScaling isotonic;
    /** Added to the log-odds when neither Platt nor isotonic is used (older stored models never get here). */
    private final double shift;

    private Calibrator(PlattScaling platt, IsotonicRegressionScaling isotonic, double shift) {
        this.platt = platt;
        this.isotonic = isotonic;
        this.shift = shift;
    }

    public static Calibrator fit(String method, double[] raw, int[] y) {
        if ("isotonic".equals(method)) {
            return new Calibrator(null, IsotonicRegressionScaling.fit(raw.clone(), y.clone()), 0);
        }
        double[] logits = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            logits[i] = logit(raw[i]);
        }
        Calibrator platt = new Calibrator(PlattScaling.fit(logits, y), null, 0);
        // a candidate that ranked later rows backwards over time would be turned upside down by Platt's slope, and
        // isotonic regression would flatten it to a few steps (ties: a holdout AUC of 0.50 measured on bank-marketing
        // when its out-of-fold AUC was below 0.5): keep the model's ranking, move only its level
        return platt.apply(0.9) >= platt.apply(0.1) ? platt : new Calibrator(null, null, shift(logits, y));
    }

    /** The shift b maximising the likelihood of sigmoid(logit + b): Newton's method on one convex variable. */
    static double shift(double[] logits, int[] y) {
        double b = 0;
        for (int iteration = 0; iteration < 50; iteration++) {
            double gradient = 0;
            double curvature = 0;
            for (int i = 0; i < logits.length; i++) {
                double p = 1 / (1 + Math.exp(-(logits[i] + b)));
                gradient += y[i] - p;
                curvature += p * (1 - p);
            }
            double step = gradient / Math.max(curvature, 1e-9);
            b += Math.max(-5, Math.min(5, step));
            if (Math.abs(step) < 1e-9) {
                break;
            }
        }
        return b;
    }

    public String method() {
        return platt != null ? "platt" : isotonic != null ? "isotonic" : "shift";
    }

    public double apply(double p) {
        double q = platt != null ? platt.scale(logit(p)) : isotonic != null ? isotonic.predict(p)
                : 1 / (1 + Math.exp(-(logit(p) + shift)));
        return Math.min(1, Math.max(0, q));
    }

    static double logit(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return Math.log(q / (1 - q));
    }
}
