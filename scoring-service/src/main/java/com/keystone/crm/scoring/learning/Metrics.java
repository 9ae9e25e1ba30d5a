package com.keystone.crm.scoring.learning;

import java.util.List;

/**
 * How well calibrated probabilities rank and estimate conversions on rows the model did not see.
 *
 * @param liftByDecile   conversion rate of each tenth of rows (highest scores first) over the overall rate
 * @param reliability    predicted vs observed conversion per bin of predicted probability
 */
public record Metrics(int rows, int positives, double rocAuc, double prAuc, double brier, double logLoss,
                      List<Double> liftByDecile, List<ReliabilityBin> reliability) {
    public record ReliabilityBin(double from, double to, int rows, double meanPredicted, double observedRate) {
    }
}
