package com.keystone.crm.scoring.learning;

import java.util.List;

/**
 * One candidate of a training run.
 *
 * @param cvAuc   ROC AUC of each cross-validation fold on the training rows
 * @param holdout metrics of the calibrated model on the newest rows
 */
public record CandidateResult(Algorithm algorithm, List<Double> cvAuc, Metrics holdout, String calibration,
                              long trainingMillis) {
}
