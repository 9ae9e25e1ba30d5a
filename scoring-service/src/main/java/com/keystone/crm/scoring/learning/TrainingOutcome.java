package com.keystone.crm.scoring.learning;

import java.util.List;

/**
 * What a training run produced: every candidate's figures, the best candidate's model, and what the guards did.
 *
 * @param features     the features the model uses
 * @param leakage      features the leakage guard flagged (left out unless overridden)
 * @param timeShift    features the time-stability guard reported (kept; see {@link TimeStabilityGuard})
 * @param trainingRows rows used for fitting (the oldest 1 - holdout share)
 * @param holdoutRows  the newest rows, never seen in fitting or calibration
 */
public record TrainingOutcome(List<CandidateResult> candidates, CandidateResult best, ScoringModel model,
                              List<String> features, List<LeakageFinding> leakage, List<TimeShiftFinding> timeShift, int trainingRows,
                              int holdoutRows) {
}
