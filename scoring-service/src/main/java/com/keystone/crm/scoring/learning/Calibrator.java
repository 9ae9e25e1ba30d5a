package com.keystone.crm.scoring.learning;

import smile.classification.IsotonicRegressionScaling;
import smile.classification.PlattScaling;

import java.io.Serial;
import java.io.Serializable;

/**
 * Maps a candidate's raw probability to a calibrated one, fitted on out-of-fold predictions of the training rows
 * (Platt scaling on the log-odds, or isotonic regression).
 */
public final class Calibrator implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final PlattScaling platt;
    private final IsotonicRegressionScaling isotonic;

    private Calibrator(PlattScaling platt, IsotonicRegressionScaling isotonic) {
        this.platt = platt;
        this.isotonic = isotonic;
    }

    public static Calibrator fit(String method, double[] raw, int[] y) {
        if ("isotonic".equals(method)) {
            return new Calibrator(null, IsotonicRegressionScaling.fit(raw.clone(), y.clone()));
        }
        double[] logits = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            logits[i] = logit(raw[i]);
        }
        Calibrator platt = new Calibrator(PlattScaling.fit(logits, y), null);
        // a candidate that ranked later rows backwards over time would be turned upside down by Platt's slope:
        // calibrate monotonically instead (isotonic cannot invert)
        return platt.apply(0.9) >= platt.apply(0.1) ? platt : new Calibrator(null, IsotonicRegressionScaling.fit(raw.clone(), y.clone()));
    }

    public String method() {
        return platt != null ? "platt" : "isotonic";
    }

    public double apply(double p) {
        double q = platt != null ? platt.scale(logit(p)) : isotonic.predict(p);
        return Math.min(1, Math.max(0, q));
    }

    static double logit(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return Math.log(q / (1 - q));
    }
}
