package com.keystone.crm.scoring.learning;

import java.util.List;

/** Knobs of one training run (defaults from configuration crm.scoring.training.*). */
public record TrainingSettings(List<Algorithm> candidates, double holdoutShare, int folds, double lambda,
                               int forestTrees, int forestMaxDepth, int forestMaxNodes, int forestNodeSize,
                               int boostTrees, int boostMaxDepth, int boostMaxNodes, int boostNodeSize,
                               double boostShrinkage, double boostSubsample, String calibration, double leakageAuc,
                               double strongAuc, int minLevelCount, int maxTrainingRows) {
    public static TrainingSettings defaults() {
        return new TrainingSettings(List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.RANDOM_FOREST, Algorithm.GRADIENT_BOOSTING),
                0.2, 3, 1.0, 100, 12, 300, 5, 200, 6, 8, 5, 0.05, 0.7, "platt", 0.9, 0.7, 10, 200_000);
    }
}
